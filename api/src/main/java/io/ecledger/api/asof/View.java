package io.ecledger.api.asof;

import java.util.function.Function;

/** Where a read looks from: the live projection, or the ledger folded up to a point. */
public interface View {

    /** Answers {@code question} from this view's snapshot; an as-of snapshot lives only for the question. */
    <T> T read(Function<Snapshot, T> question);
}
