package io.ecledger.ledger.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HistoryFilterTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    static Stream<Arguments> times() {
        return Stream.of(
                arguments("90s", "2026-11-25T11:58:30Z"),
                arguments("15m", "2026-11-25T11:45:00Z"),
                arguments("2h", "2026-11-25T10:00:00Z"),
                arguments("3d", "2026-11-22T12:00:00Z"),
                arguments("1w", "2026-11-18T12:00:00Z"),
                arguments("0s", "2026-11-25T12:00:00Z"),
                arguments("2026-11-25T10:00:00Z", "2026-11-25T10:00:00Z"),
                arguments("2026-11-25T10:00:00.250Z", "2026-11-25T10:00:00.250Z"),
                arguments("2026-11-25T11:00:00+01:00", "2026-11-25T10:00:00Z"),
                arguments("2026-11-25", "2026-11-25T00:00:00Z"));
    }

    @ParameterizedTest
    @MethodSource("times")
    void typedTimeResolvesToItsInstantCountingAgesBackFromNow(String typed, String expected) {
        assertThat(HistoryFilter.TimeBound.parse(typed).resolve(NOW)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @MethodSource("badTimes")
    void notATimeIsRefusedSayingWhatIsAccepted(String typed) {
        assertThatThrownBy(() -> HistoryFilter.TimeBound.parse(typed))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a time: use ISO-8601");
    }

    static Stream<String> badTimes() {
        return Stream.of("", "2", "h", "2 h", "-2h", "2y", "2H", "yesterday", "2026-11-25T10:00:00", "2026-13-01");
    }

    @Test
    void relativeBoundsAreResolvedWhenTheQueryRunsNotWhenParsed() {
        HistoryFilter.TimeBound twoHours = HistoryFilter.TimeBound.parse("2h");
        assertThat(twoHours.ago()).contains(Duration.ofHours(2));
        assertThat(twoHours.resolve(NOW.plusSeconds(60))).isEqualTo(NOW.minus(Duration.ofHours(2)).plusSeconds(60));
    }

    @Test
    void noFlagsMeansEverythingNewestFirstTwentyPerPage() {
        HistoryFilter all = HistoryFilter.all();
        assertThat(all.limit()).isEqualTo(20);
        assertThat(all.page()).isEqualTo(1);
        assertThat(all.oldestFirst()).isFalse();
        assertThat(all.skipped()).isZero();
        assertThat(all.actor()).isEmpty();
    }

    @Test
    void flagsAreAppliedOneAtATime() {
        HistoryFilter filter = new HistoryFilter.Builder().set("--origin", "control_listener").set("--status", "PENDING")
                .set("--node", "rh52bare").set("--limit", "50").set("--page", "3").build();
        assertThat(filter.origin()).contains(Origin.CONTROL_LISTENER);
        assertThat(filter.status()).contains(HistoryFilter.Status.PENDING);
        assertThat(filter.target()).contains(new Target.Unicast("rh52bare"));
        assertThat(filter.skipped()).isEqualTo(100);
    }

    @Test
    void statusDeniedKeepsTheFiltersADeniedLineHas() {
        HistoryFilter filter = new HistoryFilter.Builder().set("--status", "denied").set("--actor", "mallory")
                .set("--text", "shutdown").build();
        assertThat(filter.status()).contains(HistoryFilter.Status.DENIED);
        assertThat(filter.actor()).contains("mallory");
    }

    @Test
    void statusDeniedWithATargetIsRefusedBecauseADeniedCommandWasNeverSent() {
        assertThatThrownBy(() -> new HistoryFilter.Builder().set("--status", "denied").set("--subcluster", "west").build())
                .hasMessage("--status denied: a denied command has no target; drop --node, --subcluster and --broadcast");
    }

    @Test
    void theUnknownOriginIsNotAFilterValue() {
        assertThatThrownBy(() -> new HistoryFilter.Builder().set("--origin", "unknown"))
                .hasMessageStartingWith("--origin: 'unknown' is not an origin");
    }

    @Test
    void aValueFlagWithoutItsValueIsRefused() {
        assertThatThrownBy(() -> new HistoryFilter.Builder().set("--text", ""))
                .hasMessage("--text needs a value");
    }

    @Test
    void recordRefusesAPageBeforeTheFirst() {
        assertThatThrownBy(() -> new HistoryFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 20, 0, false))
                .hasMessage("page must be at least 1, got 0");
    }

    @Test
    void aBackreferenceJavaRunsIsRefusedWithRe2sReasonSoTheGrammarAcceptsOnlyWhatTheQueryRuns() {
        // java.util.regex takes it, and would backtrack on it
        assertThat(java.util.regex.Pattern.compile("(a)\\1").matcher("aa").matches()).isTrue();

        assertThatThrownBy(() -> new HistoryFilter.Builder().set("--regex", "(a)\\1"))
                .hasMessage("--regex: '(a)\\1' is not a regular expression RE2 runs (linear time: no backreferences or "
                        + "lookaround): invalid escape sequence");
        assertThatThrownBy(() -> new HistoryFilter.Builder().set("--regex", "ver(?=sion)"))
                .hasMessageStartingWith("--regex: 'ver(?=sion)' is not a regular expression RE2 runs");
    }

    @Test
    void aNestedQuantifierIsAcceptedForRe2RunsItWithoutBacktracking() {
        assertThat(new HistoryFilter.Builder().set("--regex", "a*a*a*a*a*a*b").build().regex()).contains("a*a*a*a*a*a*b");
    }

    @Test
    void aPatternLongerThanTheCapIsRefusedNamingTheCap() {
        String longest = "a".repeat(HistoryFilter.MAX_REGEX_LENGTH);
        assertThat(new HistoryFilter.Builder().set("--regex", longest).build().regex()).contains(longest);

        assertThatThrownBy(() -> new HistoryFilter.Builder().set("--regex", longest + "a"))
                .hasMessage("--regex: a pattern of 257 characters is longer than the limit of 256");
    }
}
