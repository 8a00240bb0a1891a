package io.ecledger.api.replay;

import io.ecledger.api.command.Issued;
import io.ecledger.ledger.command.Target;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** What a replay of ledger offsets {@code from..to} sent, or on a dry run would send. */
public record Replayed(long from, long to, boolean dryRun, List<Planned> commands, List<Issued> sent) {

    public Replayed {
        commands = List.copyOf(commands);
        sent = List.copyOf(sent);
        if (!dryRun && sent.size() != commands.size()) {
            throw new IllegalArgumentException("sent " + sent.size() + " of " + commands.size() + " planned commands");
        }
    }

    /** One earlier command and where it goes again: the nodes it would expect now. */
    public record Planned(long originalOffset, UUID originalCommandId, Target target, String commandText,
            List<String> expectedNodes) {

        public Planned {
            Objects.requireNonNull(originalCommandId, "originalCommandId");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(commandText, "commandText");
            expectedNodes = List.copyOf(expectedNodes);
        }

        Planned withExpected(List<String> nodes) {
            return new Planned(originalOffset, originalCommandId, target, commandText, nodes);
        }
    }
}
