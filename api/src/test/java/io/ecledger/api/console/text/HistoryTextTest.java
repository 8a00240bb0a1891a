package io.ecledger.api.console.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.history.HistoryPage;
import io.ecledger.api.history.HistoryRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How denials and policy loads read on the console. */
class HistoryTextTest {

    private static final Instant AT = Instant.parse("2030-01-01T10:00:00Z");
    private static final HistoryPage.Denial DENIAL =
            new HistoryPage.Denial(42, AT, "mallory", "rest", "shutdown", "viewer: read only", "not allowed: shutdown");

    @Test
    void aDeniedListingIsOneLinePerDenialNamingTheRuleThenTheAnswer() {
        HistoryPage page = new HistoryPage(1, 1, 20, false, List.of(), List.of(DENIAL));

        assertThat(HistoryText.page(page)).isEqualTo("history: 1 command(s), page 1 of 1, newest first\n"
                + "42 2030-01-01T10:00:00Z mallory rest DENIED by rule viewer: read only: shutdown\n"
                + "    not allowed: shutdown\n");
    }

    @Test
    void historyShowOfADenialSaysItWasNeverRun() {
        HistoryRecord record = new HistoryRecord(42, HistoryRecord.DENIED, AT, "mallory", "rest",
                "DENIED by rule viewer: read only: shutdown", Optional.empty(), List.of(), Optional.of(DENIAL),
                Optional.empty());

        assertThat(HistoryText.record(record)).isEqualTo("offset 42: denied\ntime: 2030-01-01T10:00:00Z\n"
                + "actor: mallory\norigin: rest\nline: shutdown\ndenied by rule: viewer: read only\n"
                + "answer: not allowed: shutdown\nnever run\n");
    }

    @Test
    void historyShowOfAPolicyLoadPrintsItsHashSourceAndFullTextIndented() {
        HistoryRecord record = new HistoryRecord(7, HistoryRecord.POLICY, AT, "eccmgr", "system", "policy loaded",
                Optional.empty(), List.of(), Optional.empty(),
                Optional.of(new HistoryRecord.Policy("ab".repeat(32), "default", "roles:\n  admin: [\"*\"]\n")));

        assertThat(HistoryText.record(record)).isEqualTo("offset 7: policy\ntime: 2030-01-01T10:00:00Z\n"
                + "actor: eccmgr\norigin: system\nsource: default\nsha256: " + "ab".repeat(32) + "\n"
                + "policy:\n    roles:\n      admin: [\"*\"]\n");
    }
}
