package io.ecledger.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.testing.SteppingClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LazyOffsetsTest {

    private final SteppingClock clock = new SteppingClock(Events.T0);

    private LazyOffsets offsets(int every, Duration interval) {
        return new LazyOffsets(every, interval, clock);
    }

    @Test
    void nothingIsDueBeforeAnyRecordWasSkipped() {
        LazyOffsets offsets = offsets(1, Duration.ofSeconds(1));

        assertThat(offsets.due()).isEmpty();
        assertThat(offsets.uncommitted()).isEmpty();
    }

    @Test
    void theOffsetIsDueOnceEveryNRecordsWereSkipped() {
        LazyOffsets offsets = offsets(3, Duration.ofHours(1));

        offsets.skipped(1);
        offsets.skipped(2);
        assertThat(offsets.due()).isEmpty();
        offsets.skipped(3);

        assertThat(offsets.due()).hasValue(3);
    }

    @Test
    void theOffsetIsDueOnceTheIntervalPassedSinceTheFirstUncommittedRecordNotTheLast() {
        LazyOffsets offsets = offsets(1_000, Duration.ofSeconds(10));

        offsets.skipped(1);
        clock.advance(Duration.ofSeconds(9));
        offsets.skipped(2);
        assertThat(offsets.due()).isEmpty();
        clock.advance(Duration.ofSeconds(1));

        assertThat(offsets.due()).hasValue(2);
    }

    @Test
    void anAnswerThatCommitsPastTheSkippedRecordsStartsTheCountAndTheIntervalAgain() {
        LazyOffsets offsets = offsets(2, Duration.ofSeconds(10));
        offsets.skipped(1);
        clock.advance(Duration.ofSeconds(9));

        offsets.committed(2);
        clock.advance(Duration.ofSeconds(5));
        offsets.skipped(3);

        assertThat(offsets.due()).as("one record, 5 s: neither bound is up").isEmpty();
        assertThat(offsets.uncommitted()).hasValue(3);
        offsets.skipped(4);
        assertThat(offsets.due()).hasValue(4);
    }

    @Test
    void aCommittedOffsetIsNeitherDueNorUncommitted() {
        LazyOffsets offsets = offsets(1, Duration.ofSeconds(1));
        offsets.skipped(1);

        offsets.committed(1);

        assertThat(offsets.due()).isEmpty();
        assertThat(offsets.uncommitted()).isEmpty();
    }

    @Test
    void anAbortedCommitIsDueAgainOnlyAfterNMoreRecordsYetStaysUncommitted() {
        LazyOffsets offsets = offsets(2, Duration.ofHours(1));
        offsets.skipped(1);
        offsets.skipped(2);

        offsets.attemptFailed();

        assertThat(offsets.due()).isEmpty();
        assertThat(offsets.uncommitted()).hasValue(2);
        offsets.skipped(3);
        offsets.skipped(4);
        assertThat(offsets.due()).hasValue(4);
    }

    @Test
    void aCountBelowOneRecordIsRefused() {
        assertThatThrownBy(() -> offsets(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("commit every must be at least 1 record, was 0");
    }
}
