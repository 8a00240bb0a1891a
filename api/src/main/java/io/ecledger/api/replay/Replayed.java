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

    /** The console's answer: one line per command, then what was (or was not) appended. */
    public String text() {
        StringBuilder text = new StringBuilder();
        text.append(dryRun ? "dry run: would replay " : "replayed ").append(commands.size()).append(" command(s) from ledger offsets ")
                .append(from).append("..").append(to).append(dryRun ? "; nothing appended" : "").append('\n');
        for (int i = 0; i < commands.size(); i++) {
            Planned planned = commands.get(i);
            text.append("offset ").append(planned.originalOffset());
            if (!dryRun) {
                Issued issued = sent.get(i);
                text.append(" -> offset ").append(issued.offset()).append(" command ").append(issued.commandId());
            }
            text.append(" to ").append(planned.target().describe()).append(" (")
                    .append(planned.expectedNodes().isEmpty() ? "no nodes" : String.join(", ", planned.expectedNodes()))
                    .append("): ").append(planned.commandText()).append('\n');
        }
        return text.toString().stripTrailing();
    }
}
