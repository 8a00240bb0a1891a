package io.ecledger.api.console.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.chain.ChainVerdict;
import io.ecledger.ledger.chain.Checkpoint;
import io.ecledger.ledger.event.Hash;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class AuditTextTest {

    private static final Hash H = Hash.of(new byte[32]);

    @Test
    void anIntactVerdictNamesTheRangeAndTheHead() {
        assertThat(AuditText.verdict(new ChainVerdict.Intact(0, 12, Optional.of(new Checkpoint(11, H)))))
                .isEqualTo("ledger chain intact: 12 event(s) verified from offset 0 to 11\nhead 11:" + H.hex()
                        + "  (start a later verify here)");
    }

    @Test
    void aBrokenVerdictListsEveryBreakWithItsReasonAndWhatVerifiedInAll() {
        ChainVerdict.Broken broken = new ChainVerdict.Broken(0, 12, Optional.of(new Checkpoint(11, H)),
                List.of(new ChainVerdict.Break(12, "not a ledger event: garbage"), new ChainVerdict.Break(15, "forged")),
                2, 15, Optional.of(new Checkpoint(16, H)));

        assertThat(AuditText.verdict(broken)).isEqualTo("""
                ledger chain BROKEN at offset 12: not a ledger event: garbage
                12 event(s) verified from offset 0 to 11 before it
                2 broken record(s); 15 event(s) verified in all, up to offset 16
                  offset 12: not a ledger event: garbage
                  offset 15: forged""");
    }

    @Test
    void aLongListOfBreaksSaysHowManyAreListed() {
        List<ChainVerdict.Break> listed = LongStream.range(0, ChainVerdict.LISTED_BREAKS)
                .mapToObj(offset -> new ChainVerdict.Break(offset, "garbage")).toList();
        ChainVerdict.Broken broken = new ChainVerdict.Broken(0, 0, Optional.empty(), listed, 250, 0, Optional.empty());

        assertThat(AuditText.verdict(broken).lines())
                .contains("250 broken record(s), the first 100 listed; 0 event(s) verified in all")
                .hasSize(3 + ChainVerdict.LISTED_BREAKS);
    }
}
