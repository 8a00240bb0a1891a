package io.ecledger.api.rollout;

import java.util.Optional;
import java.util.UUID;

/** A rollout not cancelled with batches still to release: {@code released} of its {@code batches} went out. */
public record OpenRollout(UUID commandId, long ledgerOffset, String commandText, long batchWaitMs,
                          Optional<Integer> maxErrors, int released, int batches) {}
