package io.ecledger.api.retrieve;

import io.ecledger.ledger.event.NodeStatus;
import java.time.Instant;

/** A row of {@code node_response}: an answer, with how many parts of its output follow it. */
public record ResponseRow(String node, String subcluster, NodeStatus status, String output, Instant finishedAt,
                          int outputParts) {}
