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
            StringBuilder text = new StringBuilder("ledger chain BROKEN at offset " + broken.offset() + ": " + broken.reason()
                    + "\n" + range + " before it\n" + broken.breakCount() + " broken record(s)"
                    + (broken.breakCount() > broken.breaks().size() ? ", the first " + broken.breaks().size() + " listed" : "")
                    + "; " + broken.verifiedInAll() + " event(s) verified in all"
                    + broken.lastVerified().map(last -> ", up to offset " + last.offset()).orElse(""));
            for (ChainVerdict.Break each : broken.breaks()) {
                text.append("\n  offset ").append(each.offset()).append(": ").append(each.reason());
            }
            return text.toString();
        }
        return "ledger chain intact: " + range
                + verdict.head().map(head -> "\nhead " + head + "  (start a later verify here)").orElse("");
    }
}
