package io.ecledger.ledger.codec;

import static io.ecledger.ledger.event.Events.T0;
import static io.ecledger.ledger.event.Events.event;

import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.CommandCancelled;
import io.ecledger.ledger.event.CommandDenied;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.KeyRotated;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.NodeKeyDecided;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.event.PolicyLoaded;
import io.ecledger.ledger.event.ResultsFlushed;
import io.ecledger.ledger.event.Rollout;
import io.ecledger.ledger.event.Seal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/** Ledger events of every payload kind, target, origin and optional field, for the codec's tests. */
final class LedgerEventSamples {

    static final Map<Class<?>, Payload> ONE_OF_EACH_PAYLOAD = Map.of(
            CommandIssued.class, Events.broadcast("version"),
            ConfigChanged.class, Events.configSet(),
            ResultsFlushed.class, new ResultsFlushed(Optional.of("maintenance")),
            KeyRotated.class, new KeyRotated("SHA256:" + "A".repeat(43), "MCowBQYDK2VwAyEA" + "B".repeat(43) + "="),
            NodeKeyDecided.class, Events.keyDecided("rh52bare"),
            CommandDenied.class, Events.denied("shutdown"),
            PolicyLoaded.class, Events.policyLoaded("roles:\n  viewer: [history]\n"),
            CommandCancelled.class, new CommandCancelled(UUID.randomUUID(), "wrong subcluster"),
            io.ecledger.ledger.event.BatchReleased.class, Events.released(Events.broadcast("version"), 7, 2,
                    List.of("rh52bare", "rh52mgr")));

    private LedgerEventSamples() {}

    /** A command with every optional field set: a replay of offset 7, rolled out in batches, rerunning another. */
    static CommandIssued everyOptionalField() {
        CommandIssued rollout = Events.rollout("version", 2, List.of("a", "b", "c"));
        return new CommandIssued(UUID.randomUUID(), rollout.target(), "version", List.of("b"), rollout.deadline(),
                OptionalLong.of(7), Optional.of(rollout.deadline().minusSeconds(5)),
                Optional.of(new Rollout(1, Duration.ofSeconds(30), OptionalInt.of(0), "--batch 1 --max-errors 0")),
                Optional.of(rollout.commandId()));
    }

    /** One event of each kind above and the variants of each optional part, signed and not, from every origin. */
    static List<LedgerEvent> all() {
        List<LedgerEvent> events = new ArrayList<>();
        ONE_OF_EACH_PAYLOAD.values().forEach(p -> events.add(event(p)));
        for (Payload payload : List.of(Events.configUnset(), ResultsFlushed.now(), everyOptionalField(),
                Events.rollout("version", 2, List.of("a", "b", "c")), Events.toSubcluster("west", "summary"),
                Events.unicast("rh52bare", "vérsion ☃"),
                new CommandIssued(UUID.randomUUID(), new io.ecledger.ledger.command.Target.Broadcast(), "version",
                        List.of(), T0, OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty()))) {
            events.add(event(payload));
        }
        events.add(event(Events.broadcast("version")).withSeal(Seal.of("SHA256:" + "A".repeat(43), new byte[64])));
        for (Origin origin : Origin.values()) {
            events.add(new LedgerEvent(UUID.randomUUID(), T0, "bob", origin, Hash.ZERO, Hash.ZERO,
                    ResultsFlushed.now()));
        }
        return events;
    }
}
