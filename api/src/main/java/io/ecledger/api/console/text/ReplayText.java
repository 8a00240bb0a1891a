package io.ecledger.api.console.text;

import io.ecledger.api.command.Issued;
import io.ecledger.api.replay.Replayed;

/** The text of {@code replay}. */
public final class ReplayText {

    private ReplayText() {}

    /** The console's answer: one line per command, then what was (or was not) appended. */
    public static String replayed(Replayed replayed) {
        boolean dryRun = replayed.dryRun();
        StringBuilder text = new StringBuilder();
        text.append(dryRun ? "dry run: would replay " : "replayed ").append(replayed.commands().size())
                .append(" command(s) from ledger offsets ").append(replayed.from()).append("..").append(replayed.to())
                .append(dryRun ? "; nothing appended" : "").append('\n');
        for (int i = 0; i < replayed.commands().size(); i++) {
            Replayed.Planned planned = replayed.commands().get(i);
            text.append("offset ").append(planned.originalOffset());
            if (!dryRun) {
                Issued issued = replayed.sent().get(i);
                text.append(" -> offset ").append(issued.offset()).append(" command ").append(issued.commandId());
            }
            text.append(" to ").append(planned.target().describe()).append(" (")
                    .append(planned.expectedNodes().isEmpty() ? "no nodes" : String.join(", ", planned.expectedNodes()))
                    .append("): ").append(planned.commandText()).append('\n');
        }
        return text.toString().stripTrailing();
    }
}
