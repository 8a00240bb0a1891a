package io.ecledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void aLatencyMeetsItsGoalWhenTheRatioIsAtMostTheGoal() {
        ResultTable.Row under = ResultTable.Row.latency("trip p50", 15.0, 10.0, 1.5);
        ResultTable.Row over = ResultTable.Row.latency("trip p50", 15.2, 10.0, 1.5);

        assertThat(under.ratio()).isEqualTo(1.5);
        assertThat(under.met()).isTrue();
        assertThat(over.met()).isFalse();
    }

    @Test
    void aRateMeetsItsGoalWhenTheRatioIsAtLeastTheGoal() {
        assertThat(ResultTable.Row.rate("verify", "ev/s", 80_000, 100_000, 0.8).met()).isTrue();
        assertThat(ResultTable.Row.rate("verify", "ev/s", 79_000, 100_000, 0.8).met()).isFalse();
    }

    @Test
    void aRatioPrintedAsTheGoalCountsAsMet() {
        // 1.504x prints as 1.50x: a verdict of "over" next to "1.50x ≤ 1.50x" would contradict the table
        assertThat(ResultTable.Row.latency("trip", 15.04, 10.0, 1.5).met()).isTrue();
    }

    @Test
    void theTablePrintsEveryColumnOfEveryRow() {
        String table = ResultTable.format(List.of(ResultTable.Row.latency("trip N=10, p50", 14.9, 9.9, 1.5),
                ResultTable.Row.rate("rebuild", "ev/s", 4_256, 54_600, 0.7)));

        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().toList().get(0)).contains("measure", "ecledger", "floor", "ratio", "goal", "verdict");
        assertThat(table).contains("trip N=10, p50", "14.90 ms", "9.90 ms", "1.51x", "≤ 1.50x", "over");
        assertThat(table).contains("rebuild", "4,256 ev/s", "54,600 ev/s", "0.08x", "≥ 0.70x");
    }

    @Test
    void aRowSurvivesTheRowsFileUnchanged() {
        ResultTable.Row row = ResultTable.Row.rate("replay from offset 0", "ev/s", 88_700.5, 1_400_000, 0.5);

        assertThat(ResultTable.Row.ofTsv(row.tsv())).isEqualTo(row);
    }

    @Test
    void aLineThatIsNotARowIsRefused() {
        assertThatThrownBy(() -> ResultTable.Row.ofTsv("replay\t1.0")).isInstanceOf(IllegalArgumentException.class);
    }
}
