package io.ecledger.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.api.projection.ProjectionFixture;
import io.ecledger.api.retrieve.Results;
import io.ecledger.ledger.command.HistoryFilter;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** {@code history --regex} on a real H2 projection: the filter runs on RE2/J, which never backtracks. */
class HistoryRegexTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:34:00Z");
    private static final String FIFTY_AS = "a".repeat(50);

    private final Jdbi h2 = ProjectionFixture.inMemoryH2();
    private final HistoryService history = new HistoryService(h2, new Results(h2));

    @Test
    void theNestedQuantifierOverAPlantedCommandOfFiftyAsIsAnsweredAsRe2MatchesIt() {
        plant(1, FIFTY_AS);
        plant(2, FIFTY_AS + "b");
        plant(3, "version");

        HistoryPage page = history.list(regex("a*a*a*a*a*a*b"), NOW);

        // java.util.regex takes about n^7 steps to say the fifty a's do not match; RE2 says it in one pass
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.entries()).extracting(HistoryPage.Entry::offset).containsExactly(2L);
        assertThat(history.list(regex("^a{50}$"), NOW).entries()).extracting(HistoryPage.Entry::offset).containsExactly(1L);
    }

    @Test
    void theFunctionTheQueryFiltersWithIsRe2NotJavaUtilRegex() {
        // a backreference: java.util.regex (H2's REGEXP_LIKE) runs it, RE2 refuses it with its own message
        boolean javaRunsIt = h2.withHandle(h -> h.createQuery("SELECT REGEXP_LIKE('aa', '(a)\\1')").mapTo(Boolean.class).one());
        assertThat(javaRunsIt).isTrue();
        assertThatThrownBy(() -> h2.withHandle(h -> h.createQuery("SELECT " + HistoryRegex.FUNCTION + "('aa', '(a)\\1')")
                .mapTo(Boolean.class).one()))
                .hasStackTraceContaining("com.google.re2j.PatternSyntaxException")
                .hasStackTraceContaining("invalid escape sequence");
        assertThat(HistoryDao.WHERE).contains(HistoryRegex.FUNCTION + "(c.command_text, :regex)").doesNotContain("REGEXP_LIKE");
    }

    @Test
    void installingTheFunctionAgainChangesNothing() {
        HistoryRegex.install(h2);
        plant(1, "version");

        assertThat(new HistoryService(h2, new Results(h2)).list(regex("^ver"), NOW).total()).isEqualTo(1);
    }

    private static HistoryFilter regex(String pattern) {
        return new HistoryFilter.Builder().set("--regex", pattern).build();
    }

    private void plant(long offset, String text) {
        h2.useHandle(handle -> handle.execute("""
                INSERT INTO issued_command (command_id, ledger_offset, issued_at, actor, origin, target_kind,
                    target_name, command_text, deadline, replay_of, flush_epoch)
                VALUES (?, ?, ?, 'mallory', 'REST', 'BROADCAST', NULL, ?, ?, NULL, 0)""",
                UUID.randomUUID(), offset, NOW.minusSeconds(60), text, NOW.plusSeconds(60)));
    }
}
