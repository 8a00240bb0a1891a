package io.ecledger.api.projection;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Records that break the name rule, as an outsider writes them: our codec refuses to make them, so a valid record is
 * encoded, read back as its Avro type, edited, and written again with Avro's own single-object encoding.
 */
public final class Misnamed {

    private Misnamed() {}

    /** {@code announced} with its node name replaced by {@code node}. */
    public static byte[] announce(MembershipEvent announced, String node) {
        return membership(announced, avro -> ((io.ecledger.schemas.NodeAnnounced) avro.getPayload()).setNode(node));
    }

    /** {@code announced} with its host replaced by {@code host}. */
    public static byte[] announceFromHost(MembershipEvent.NodeAnnounced announced, String host) {
        return membership(announced, avro -> ((io.ecledger.schemas.NodeAnnounced) avro.getPayload()).setHost(host));
    }

    /** {@code response} with its node name replaced by {@code node}. */
    public static byte[] response(NodeResponse response, String node) {
        try {
            io.ecledger.schemas.NodeResponse avro = io.ecledger.schemas.NodeResponse.fromByteBuffer(
                    ByteBuffer.wrap(EventCodec.RESPONSES.encode(response)));
            avro.setNode(node);
            return bytes(avro.toByteBuffer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code event} with its actor replaced by {@code actor}. */
    public static byte[] ledger(LedgerEvent event, String actor) {
        try {
            io.ecledger.schemas.LedgerEvent avro = io.ecledger.schemas.LedgerEvent.fromByteBuffer(
                    ByteBuffer.wrap(EventCodec.LEDGER.encode(event)));
            avro.setActor(actor);
            return bytes(avro.toByteBuffer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] membership(MembershipEvent event, Consumer<io.ecledger.schemas.MembershipEvent> edit) {
        try {
            io.ecledger.schemas.MembershipEvent avro = io.ecledger.schemas.MembershipEvent.fromByteBuffer(
                    ByteBuffer.wrap(EventCodec.MEMBERSHIP.encode(event)));
            edit.accept(avro);
            return bytes(avro.toByteBuffer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
