package io.ecledger.api.command;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A command on the ledger: its id, offset, the nodes expected to answer and by when. */
public record Issued(UUID commandId, long offset, List<String> expectedNodes, Instant deadline) {

    public Issued {
        expectedNodes = List.copyOf(expectedNodes);
    }
}
