package io.ecledger.api.console.text;

import io.ecledger.ledger.chain.ChainVerdict;

/** The text of {@code audit verify}, which {@code ecledger verify} prints too. */
public final class AuditText {

    private AuditText() {}

    /** The line-oriented answer the console prints for a verdict. */
    public static String verdict(ChainVerdict verdict) {
        String range = verdict.verifiedEvents() == 0
                ? "no event checked from offset " + verdict.fromOffset()
                : verdict.verifiedEvents() + " event(s) verified from offset " + verdict.fromOffset()
                        + verdict.head().map(head -> " to " + head.offset()).orElse("");
        if (verdict instanceof ChainVerdict.Broken) {
            ChainVerdict.Broken broken = (ChainVerdict.Broken) verdict;
            return "ledger chain BROKEN at offset " + broken.offset() + ": " + broken.reason() + "\n" + range + " before it";
        }
        return "ledger chain intact: " + range
                + verdict.head().map(head -> "\nhead " + head + "  (start a later verify here)").orElse("");
    }
}
