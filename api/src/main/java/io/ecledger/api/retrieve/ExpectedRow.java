package io.ecledger.api.retrieve;

import java.util.Optional;

/** A node a command expected to answer, its subcluster when the projection knows it, and its batch of a rollout. */
public record ExpectedRow(String node, Optional<String> subcluster, int batch) {}
