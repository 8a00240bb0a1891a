package io.ecledger.ledger.codec;

import static io.ecledger.ledger.event.Events.T0;
import static io.ecledger.ledger.event.Events.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.event.ResultsFlushed;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final Map<Class<?>, Payload> ONE_OF_EACH_PAYLOAD = LedgerEventSamples.ONE_OF_EACH_PAYLOAD;

    private static <D> D roundTrip(EventCodec<D> codec, D event) {
        try {
            return codec.decode(codec.encode(event));
        } catch (UndecodableRecordException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyPayloadTypeRoundTrips() {
        assertThat(Set.of(Payload.class.getPermittedSubclasses())).isEqualTo(ONE_OF_EACH_PAYLOAD.keySet());
        for (Payload payload : ONE_OF_EACH_PAYLOAD.values()) {
            LedgerEvent event = event(payload);
            assertThat(roundTrip(EventCodec.LEDGER, event)).isEqualTo(event);
        }
        LedgerEvent unset = event(Events.configUnset());
        assertThat(roundTrip(EventCodec.LEDGER, unset)).isEqualTo(unset);
        LedgerEvent flushed = event(ResultsFlushed.now());
        assertThat(roundTrip(EventCodec.LEDGER, flushed)).isEqualTo(flushed);
    }

    @Test
    void aRolloutWithItsDeliveryDeadlineAndALinkToTheCommandItRerunsRoundTrips() {
        io.ecledger.ledger.event.CommandIssued rollout = Events.rollout("version", 2, List.of("a", "b", "c"));
        io.ecledger.ledger.event.CommandIssued rerun = new io.ecledger.ledger.event.CommandIssued(
                java.util.UUID.randomUUID(), rollout.target(), "version", List.of("b"), rollout.deadline(),
                java.util.OptionalLong.empty(), Optional.empty(), Optional.of(new io.ecledger.ledger.event.Rollout(1,
                        java.time.Duration.ofSeconds(30), java.util.OptionalInt.of(0), "--batch 1 --max-errors 0")),
                Optional.of(rollout.commandId()));

        for (LedgerEvent event : List.of(event(rollout), event(rerun))) {
            assertThat(roundTrip(EventCodec.LEDGER, event)).isEqualTo(event);
        }
    }

    @Test
    void everyTargetRoundTrips() {
        List<io.ecledger.ledger.event.CommandIssued> commands = List.of(
                Events.broadcast("version"), Events.toSubcluster("west", "summary"), Events.unicast("rh52bare", "version"));
        assertThat(commands.stream().map(c -> c.target().getClass()).collect(Collectors.toSet()))
                .isEqualTo(Set.of(Target.class.getPermittedSubclasses()));
        for (io.ecledger.ledger.event.CommandIssued command : commands) {
            LedgerEvent event = event(command);
            assertThat(roundTrip(EventCodec.LEDGER, event)).isEqualTo(event);
        }
    }

    @Test
    void aSignedEventRoundTripsWithItsSeal() throws Exception {
        LedgerEvent event = Events.event(Events.broadcast("version"))
                .withSeal(io.ecledger.ledger.event.Seal.of("SHA256:" + "A".repeat(43), new byte[] {1, 2, 3, 4}));

        LedgerEvent decoded = roundTrip(EventCodec.LEDGER, event);
        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.seal().signature()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void everyOriginRoundTrips() {
        for (Origin origin : Origin.values()) {
            LedgerEvent event = new LedgerEvent(java.util.UUID.randomUUID(), T0, "bob", origin,
                    io.ecledger.ledger.event.Hash.ZERO, io.ecledger.ledger.event.Hash.ZERO, ResultsFlushed.now());
            assertThat(roundTrip(EventCodec.LEDGER, event).origin()).isEqualTo(origin);
        }
    }

    @Test
    void everyNodeStatusRoundTrips() {
        for (NodeStatus status : NodeStatus.values()) {
            NodeResponse response = Events.response("rh52bare", status);
            assertThat(roundTrip(EventCodec.RESPONSES, response)).isEqualTo(response);
        }
    }

    @Test
    void everyMembershipEventRoundTrips() {
        List<MembershipEvent> events = List.of(
                new MembershipEvent.NodeAnnounced(Events.node("rh52bare", "east"), T0),
                new MembershipEvent.NodeHeartbeat(Events.node("rh52mgr", "east"), T0),
                new MembershipEvent.NodeLeft(Events.node("rh52bar2", "west"), T0));
        assertThat(events.stream().map(Object::getClass).collect(Collectors.toSet()))
                .isEqualTo(Set.of(MembershipEvent.class.getPermittedSubclasses()));
        for (MembershipEvent event : events) {
            assertThat(roundTrip(EventCodec.MEMBERSHIP, event)).isEqualTo(event);
        }
    }

    @Test
    void everyRecordNamesTheSchemaThatWroteIt() {
        byte[] bytes = EventCodec.LEDGER.encode(event(Events.broadcast("version")));
        long fingerprint = org.apache.avro.SchemaNormalization.parsingFingerprint64(EventCodec.LEDGER.schema());
        assertThat(Arrays.copyOfRange(bytes, 0, 2)).containsExactly(0xC3, 0x01);
        assertThat(java.nio.ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong())
                .isEqualTo(fingerprint);
    }

    @Test
    void garbageBytesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> EventCodec.LEDGER.decode("hello, ledger".getBytes()))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("not an Avro single-object record");
        assertThatThrownBy(() -> EventCodec.LEDGER.decode(new byte[0])).isInstanceOf(UndecodableRecordException.class);
        assertThatThrownBy(() -> EventCodec.LEDGER.decode(null)).isInstanceOf(UndecodableRecordException.class);
    }

    @Test
    void aRecordOfAnUnknownSchemaIsRefusedNamingItsFingerprint() {
        byte[] bytes = EventCodec.LEDGER.encode(event(Events.broadcast("version")));
        bytes[5] ^= 0x5a;
        assertThatThrownBy(() -> EventCodec.LEDGER.decode(bytes))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("unknown LedgerEvent schema (fingerprint");
    }

    @Test
    void aRecordOfAnotherTopicIsRefused() {
        byte[] response = EventCodec.RESPONSES.encode(Events.response("rh52bare", NodeStatus.OK));
        assertThatThrownBy(() -> EventCodec.LEDGER.decode(response))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("unknown LedgerEvent schema");
    }

    @Test
    void aTruncatedBodyIsRefusedAsCorrupt() {
        byte[] bytes = EventCodec.LEDGER.encode(event(Events.broadcast("version")));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 20);
        assertThatThrownBy(() -> EventCodec.LEDGER.decode(truncated))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("corrupt LedgerEvent body");
    }

    @Test
    void aBodyWhoseUuidFieldIsNoUuidIsRefusedAsCorruptNotThrownAtTheReader() {
        LedgerEvent event = event(Events.broadcast("version"));
        byte[] encoded = EventCodec.LEDGER.encode(event);
        byte[] id = event.eventId().toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = indexOf(encoded, id);
        assertThat(at).as("the event id's text in the record").isPositive();
        // same length, so the Avro body stays well-formed: only the uuid logical type's conversion fails
        Arrays.fill(encoded, at, at + id.length, (byte) 'z');

        assertThatThrownBy(() -> EventCodec.LEDGER.decode(encoded))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("corrupt LedgerEvent body").hasMessageContaining("Invalid UUID");
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aRecordWrittenByAnotherReleasedVersionDecodes() throws Exception {
        // test resources add NodeResponse/v2.avsc: a version with one more field, as a newer agent would write
        org.apache.avro.Schema v2 = new org.apache.avro.Schema.Parser().parse(
                getClass().getResourceAsStream("/io/ecledger/schemas/history/NodeResponse/v2.avsc"));
        org.apache.avro.generic.GenericRecord record = new org.apache.avro.generic.GenericData.Record(v2);
        java.util.UUID id = java.util.UUID.randomUUID();
        record.put("commandId", id.toString());
        record.put("ledgerOffset", 3L);
        record.put("node", "rh52bare");
        record.put("subcluster", "east");
        record.put("status", new org.apache.avro.generic.GenericData.EnumSymbol(v2.getField("status").schema(), "OK"));
        record.put("output", "fine");
        record.put("startedAt", T0.toEpochMilli());
        record.put("finishedAt", T0.toEpochMilli());
        record.put("exitCode", 0);
        byte[] bytes = new org.apache.avro.message.BinaryMessageEncoder<org.apache.avro.generic.GenericRecord>(
                org.apache.avro.generic.GenericData.get(), v2).encode(record).array();

        NodeResponse decoded = EventCodec.RESPONSES.decode(bytes);

        assertThat(decoded).isEqualTo(new NodeResponse(id, 3, "rh52bare", "east", NodeStatus.OK, "fine", T0, T0));
    }

    @Test
    void kafkaDeserializerRefusesGarbageWithTheTopicInItsMessage() {
        assertThatThrownBy(() -> EventCodec.RESPONSES.deserializer().deserialize("ecledger.responses", new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("ecledger.responses")
                .hasMessageContaining("not an Avro single-object record");
    }
}
