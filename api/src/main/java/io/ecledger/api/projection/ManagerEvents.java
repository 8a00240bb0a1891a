package io.ecledger.api.projection;

import io.ecledger.ledger.chain.ManagerTrail;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.HashedEvent;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.command.Names;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.sign.KeyFiles;
import io.ecledger.ledger.sign.ManagerKeys;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Which ledger records the projection applies: with the manager's oldest key, only the manager's events, by the
 * agents' rule ({@link ManagerTrail}: signed under the key ring, linked to the last event accepted); without one,
 * every decodable event, as a projection that reads only its own writes (tests) has it. Where the trail stands is a
 * {@link TrailRow} the batch stores with its offsets. The as-of views fold the ledger with one too. Not thread-safe.
 */
public final class ManagerEvents {

    /** What the projection makes of one ledger record. */
    sealed interface Verdict permits Genuine, Refused {}

    /** The manager's event: applied to the views. */
    record Genuine(LedgerEvent event) implements Verdict {}

    /** Not the manager's (or no event at all: {@code event} empty): quarantined, never applied. */
    record Refused(Optional<LedgerEvent> event, String reason) implements Verdict {
        Refused {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final Optional<PublicKey> oldestKey;
    private ManagerTrail trail;

    /** Follows the manager whose first key is {@code oldestKey}; empty takes every decodable event. */
    public ManagerEvents(Optional<PublicKey> oldestKey) {
        this.oldestKey = Objects.requireNonNull(oldestKey, "oldestKey");
        restart(Optional.empty());
    }

    /** Whether ledger records are checked at all. */
    boolean checking() {
        return oldestKey.isPresent();
    }

    /** Goes on from {@code stored}, or from the start of the ledger and the oldest key when nothing is stored. */
    public void restart(Optional<TrailRow> stored) {
        if (oldestKey.isEmpty()) {
            trail = null;
            return;
        }
        trail = stored.map(row -> new ManagerTrail(new ManagerKeys(KeyFiles.parsePublic(row.publicKey())),
                        new ManagerTrail.Link(row.lastOffset(), Hash.of(row.lastHash())), true, row.signedSeen()))
                .orElseGet(() -> new ManagerTrail(new ManagerKeys(oldestKey.get()), ManagerTrail.Link.START, true, false));
    }

    /**
     * Judges the record at {@code offset}, following it when it is the manager's; throws for garbage without a key,
     * and for a record whose names break the rule (never the manager's: its ledger refuses them).
     */
    Verdict judge(long offset, byte[] encoded) throws UndecodableRecordException {
        if (trail == null) {
            return new Genuine(EventCodec.LEDGER.decode(encoded));
        }
        HashedEvent hashed;
        try {
            hashed = HashedEvent.of(encoded);
        } catch (UndecodableRecordException e) {
            if (Names.InvalidNameException.causeOf(e).isPresent()) {
                // not the manager's (its ledger refuses such names) and not garbage: the caller quarantines it as
                // misnamed; the trail does not follow it
                throw e;
            }
            return new Refused(Optional.empty(), "not a ledger event: " + e.getMessage());
        }
        Optional<String> refusal = trail.follow(offset, hashed);
        return refusal.<Verdict>map(reason -> new Refused(Optional.of(hashed.event()), reason))
                .orElseGet(() -> new Genuine(hashed.event()));
    }

    /**
     * The ledger record {@code record}, fed in offset order, as the projection applies it: a {@link
     * ProjectedRecord.LedgerRecord} when it is the manager's, a {@link ProjectedRecord.RefusedLedgerRecord} (event
     * empty for garbage) when not; throws for garbage only when nothing is checked, and for a record whose names
     * break the rule, which the caller quarantines as {@link ProjectedRecord.MisnamedRecord}.
     */
    public ProjectedRecord project(ConsumerRecord<byte[], byte[]> record) throws UndecodableRecordException {
        Verdict verdict = judge(record.offset(), record.value());
        if (verdict instanceof Genuine genuine) {
            return new ProjectedRecord.LedgerRecord(record.offset(), genuine.event());
        } else if (verdict instanceof Refused refused) {
            return new ProjectedRecord.RefusedLedgerRecord(refused.event(), refused.reason(), ProjectedRecord.source(record));
        }
        throw new AssertionError("unmapped verdict " + verdict);
    }

    /** Where the trail stands now, to store with the batch; empty when nothing is checked. */
    public Optional<TrailRow> state() {
        if (trail == null) {
            return Optional.empty();
        }
        ManagerTrail.Link last = trail.previous();
        return Optional.of(new TrailRow(last.offset(), last.hash().bytes(),
                KeyFiles.publicBase64(trail.keys().currentPublicKey()), trail.signedSeen()));
    }
}
