package io.ecledger.api.retrieve;

import io.ecledger.ledger.event.NodeStatus;
import java.time.Instant;

/** A row of {@code node_response}. */
public record ResponseRow(String node, String subcluster, NodeStatus status, String output, Instant finishedAt) {}
