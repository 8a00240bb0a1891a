package io.ecledger.api.retrieve;

import java.util.Optional;

/** A node a command expected to answer, and its subcluster when the projection knows it. */
public record ExpectedRow(String node, Optional<String> subcluster) {}
