package io.ecledger.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BrokerClockTest {

    private static final Instant OWN = Instant.parse("2026-12-02T12:00:00Z");

    private final BrokerClock clock = new BrokerClock(Clock.fixed(OWN, ZoneOffset.UTC));

    @Test
    void beforeAnyAcknowledgementItIsTheNodesOwnClock() {
        assertThat(clock.best()).isEmpty();
        assertThat(clock.instant()).isEqualTo(OWN);
    }

    @Test
    void theOffsetIsTheBrokersStampMinusTheMidpointOfSendAndAck() {
        long sent = OWN.toEpochMilli();
        // the node is ten minutes behind: the broker stamped 600 s past the middle of a 40 ms round trip
        clock.sample(sent, sent + 20 + 600_000, sent + 40);

        assertThat(clock.best()).hasValue(new BrokerClock.Sample(Duration.ofSeconds(600), Duration.ofMillis(20)));
        assertThat(clock.instant()).isEqualTo(OWN.plusSeconds(600));
        assertThat(clock.millis()).isEqualTo(OWN.plusSeconds(600).toEpochMilli());
    }

    @Test
    void theSampleWithTheShortestRoundTripCounts() {
        long sent = OWN.toEpochMilli();
        clock.sample(sent, sent - 600_000 + 300, sent + 1_000);
        clock.sample(sent, sent - 600_000 + 1, sent + 2);
        clock.sample(sent, sent - 600_000 + 50, sent + 400);

        assertThat(clock.offset()).isEqualTo(Duration.ofSeconds(-600));
        assertThat(clock.best().orElseThrow().error()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void onlyTheRecentSamplesCount() {
        long sent = OWN.toEpochMilli();
        clock.sample(sent, sent + 5_000, sent);
        for (int i = 0; i < BrokerClock.SAMPLES; i++) {
            clock.sample(sent, sent + 1 + 10, sent + 2);
        }

        assertThat(clock.offset()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void aSampleWhoseOwnClockWentBackwardsIsDropped() {
        long sent = OWN.toEpochMilli();
        clock.sample(sent, sent + 60_000, sent - 5);

        assertThat(clock.best()).isEmpty();
    }

    @Test
    void theSkewReadsAsAnOperatorSaysIt() {
        assertThat(NodeAgent.skew(Duration.ofSeconds(-600))).isEqualTo("clock 600.000 s ahead");
        assertThat(NodeAgent.skew(Duration.ofMillis(600_250))).isEqualTo("clock 600.250 s behind");
        assertThat(NodeAgent.skew(Duration.ZERO)).isEqualTo("clock in step");
    }
}
