package io.ecledger.ledger.codec;

import io.ecledger.ledger.codec.CanonicalCursor.NotCanonical;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.BatchReleased;
import io.ecledger.ledger.event.CommandCancelled;
import io.ecledger.ledger.event.CommandDenied;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.KeyRotated;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.NodeKeyDecided;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.event.PolicyLoaded;
import io.ecledger.ledger.event.ResultsFlushed;
import io.ecledger.ledger.event.Rollout;
import io.ecledger.ledger.event.ScopeStep;
import io.ecledger.ledger.event.Seal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Decodes a ledger record written with the current {@code LedgerEvent} schema straight into the domain records, field
 * by field in the schema's order, as {@link AvroMapping} would map what Avro's reader makes of it. A replay decodes
 * every event, and Avro's generic reader with its intermediate generated objects was most of a replay's time. Only
 * the canonical encoding is read ({@link CanonicalCursor}); anything else throws and Avro judges the record.
 * {@code CurrentLedgerEventReaderTest} holds it equal to Avro's reader for every kind of payload.
 */
final class CurrentLedgerEventReader {

    private static final int PAYLOAD_KINDS = 9;
    private static final int TARGET_KINDS = 3;
    private static final ConfigChanged.Action[] ACTIONS = java.util.Arrays.stream(
            io.ecledger.schemas.ConfigAction.values())
            .map(a -> ConfigChanged.Action.valueOf(a.name())).toArray(ConfigChanged.Action[]::new);
    private static final NodeKeyDecided.Decision[] DECISIONS = java.util.Arrays.stream(
            io.ecledger.schemas.NodeKeyDecision.values())
            .map(d -> NodeKeyDecided.Decision.valueOf(d.name())).toArray(NodeKeyDecided.Decision[]::new);

    private final CanonicalCursor in;

    private CurrentLedgerEventReader(byte[] encoded, int from) {
        this.in = new CanonicalCursor(encoded, from);
    }

    /** The event in {@code encoded[from..]}; throws when the body is not the canonical encoding of one. */
    static LedgerEvent read(byte[] encoded, int from) throws NotCanonical {
        CurrentLedgerEventReader reader = new CurrentLedgerEventReader(encoded, from);
        LedgerEvent event = reader.event();
        if (!reader.in.atEnd()) {
            // Avro's reader ignores what follows the record; let it say so
            throw CanonicalCursor.NOT_CANONICAL;
        }
        return event;
    }

    private LedgerEvent event() throws NotCanonical {
        UUID eventId = uuid();
        Instant occurredAt = instant();
        String actor = in.readString();
        Origin origin = AvroMapping.origin(in.readIndex(AvroMapping.ORIGIN_SYMBOLS));
        Hash prevHash = Hash.of(in.readFixed(Hash.LENGTH));
        Hash hash = Hash.of(in.readFixed(Hash.LENGTH));
        Payload payload = payload();
        String keyFingerprint = in.readString();
        byte[] signature = in.readBytes();
        return new LedgerEvent(eventId, occurredAt, actor, origin, prevHash, hash, payload,
                Seal.of(keyFingerprint, signature));
    }

    // in the order of the payload union in LedgerEvent.avsc
    private Payload payload() throws NotCanonical {
        int kind = in.readIndex(PAYLOAD_KINDS);
        if (kind == 0) {
            return new CommandIssued(uuid(), target(), in.readString(), strings(), instant(), optionalLong(),
                    optionalInstant(), rollout(), optionalUuid());
        }
        if (kind == 1) {
            return new ConfigChanged(ACTIONS[in.readIndex(ACTIONS.length)], scopePath(), in.readString(),
                    optionalString());
        }
        if (kind == 2) {
            return new ResultsFlushed(optionalString());
        }
        if (kind == 3) {
            return new KeyRotated(in.readString(), in.readString());
        }
        if (kind == 4) {
            return new NodeKeyDecided(in.readString(), in.readString(), in.readString(),
                    DECISIONS[in.readIndex(DECISIONS.length)]);
        }
        if (kind == 5) {
            return new CommandDenied(in.readString(), in.readString(), in.readString());
        }
        if (kind == 6) {
            return new PolicyLoaded(in.readString(), in.readString(), in.readString());
        }
        if (kind == 7) {
            return new CommandCancelled(uuid(), in.readString());
        }
        return new BatchReleased(uuid(), in.readLong(), in.readInt(), strings(), in.readString(), instant(), instant());
    }

    private Target target() throws NotCanonical {
        int kind = in.readIndex(TARGET_KINDS);
        if (kind == 0) {
            return new Target.Broadcast();
        }
        return kind == 1 ? new Target.Subcluster(in.readString()) : new Target.Unicast(in.readString());
    }

    private Optional<Rollout> rollout() throws NotCanonical {
        if (!present()) {
            return Optional.empty();
        }
        int batchSize = in.readInt();
        Duration batchWait = Duration.ofMillis(in.readLong());
        OptionalInt maxErrors = present() ? OptionalInt.of(in.readInt()) : OptionalInt.empty();
        return Optional.of(new Rollout(batchSize, batchWait, maxErrors, in.readString()));
    }

    private List<ScopeStep> scopePath() throws NotCanonical {
        long count = in.readBlockCount();
        List<ScopeStep> steps = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            steps.add(new ScopeStep(in.readString(), optionalString()));
        }
        in.endBlocks(count);
        return steps;
    }

    private List<String> strings() throws NotCanonical {
        long count = in.readBlockCount();
        List<String> strings = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            strings.add(in.readString());
        }
        in.endBlocks(count);
        return strings;
    }

    // a ["null", T] union: branch 1 holds a value
    private boolean present() throws NotCanonical {
        return in.readIndex(2) == 1;
    }

    private Optional<String> optionalString() throws NotCanonical {
        return present() ? Optional.of(in.readString()) : Optional.empty();
    }

    private OptionalLong optionalLong() throws NotCanonical {
        return present() ? OptionalLong.of(in.readLong()) : OptionalLong.empty();
    }

    private Optional<Instant> optionalInstant() throws NotCanonical {
        return present() ? Optional.of(instant()) : Optional.empty();
    }

    private Optional<UUID> optionalUuid() throws NotCanonical {
        return present() ? Optional.of(uuid()) : Optional.empty();
    }

    // timestamp-millis, as Avro's TimestampMillisConversion reads it
    private Instant instant() throws NotCanonical {
        return Instant.ofEpochMilli(in.readLong());
    }

    // a uuid string, as Avro's UUIDConversion reads it
    private UUID uuid() throws NotCanonical {
        return UUID.fromString(in.readString());
    }
}
