package io.ecledger.api.retrieve;

import io.ecledger.ledger.command.Target;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What retrieve shows for one issued command: the command, and one line per node in scope. */
public record CommandResults(UUID commandId, long ledgerOffset, Target target, String commandText, String actor,
                             Instant issuedAt, Instant deadline, List<NodeResult> nodes) {

    public CommandResults {
        nodes = List.copyOf(nodes);
    }
}
