package io.ecledger.api.policy;

import io.ecledger.api.access.Caller;
import io.ecledger.ledger.testing.SteppingClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.api.projection.ProjectionFixture;
import io.ecledger.api.testing.MockLedger;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.CommandDenied;
import io.ecledger.ledger.event.LedgerEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Denials on the ledger, a token bucket per actor: a flood of denied lines cannot flood the ledger. */
class LedgerDenialSinkTest {

    private static final Caller MALLORY = new Caller("mallory", Origin.REST, Set.of("viewer"));
    private static final Caller ALICE = new Caller("alice", Origin.CONTROL_LISTENER, Set.of());

    private final SteppingClock clock = new SteppingClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final MockLedger kafka = MockLedger.start(ProjectionFixture.inMemoryH2(), clock);
    private final LedgerDenialSink sink = new LedgerDenialSink(kafka.ledger(), clock, 10, 10);

    @AfterEach
    void stop() {
        kafka.close();
    }

    @Test
    void aDenialIsAppendedAsCommandDeniedWithTheCallersActorAndOrigin() throws Exception {
        sink.denied(MALLORY, "shutdown", "viewer: history only", "not allowed: shutdown");

        List<LedgerEvent> appended = kafka.appended();
        assertThat(appended).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo("mallory");
            assertThat(event.origin()).isEqualTo(Origin.REST);
            assertThat(event.payload()).isEqualTo(new CommandDenied("shutdown", "viewer: history only", "not allowed: shutdown"));
        });
    }

    @Test
    void theEleventhDenialWithinTheBurstIsNotAppendedAndIsCounted() throws Exception {
        for (int i = 1; i <= 11; i++) {
            sink.denied(MALLORY, "shutdown " + i, "never shutdown", "no");
        }

        assertThat(kafka.appended()).hasSize(10)
                .extracting(e -> ((CommandDenied) e.payload()).line()).doesNotContain("shutdown 11");
        assertThat(sink.unrecorded()).isEqualTo(1);
        assertThat(sink.failed()).isZero();
    }

    @Test
    void theLimitIsPerActorSoOneActorsFloodLeavesAnothersDenialsOnTheRecord() throws Exception {
        for (int i = 0; i < 100; i++) {
            sink.denied(MALLORY, "shutdown", "never shutdown", "no");
        }
        sink.denied(ALICE, "replay 3", "operator: no replay", "no");

        assertThat(kafka.appended()).hasSize(11).filteredOn(e -> e.actor().equals("alice")).hasSize(1);
        assertThat(sink.unrecorded()).isEqualTo(90);
    }

    @Test
    void theBucketRefillsAtThePerMinuteRate() throws Exception {
        for (int i = 0; i < 10; i++) {
            sink.denied(MALLORY, "shutdown", "never shutdown", "no");
        }
        sink.denied(MALLORY, "shutdown", "never shutdown", "no");
        clock.advance(Duration.ofSeconds(6));
        sink.denied(MALLORY, "shutdown", "never shutdown", "no");
        sink.denied(MALLORY, "shutdown", "never shutdown", "no");

        // six seconds at ten a minute earn exactly one
        assertThat(kafka.appended()).hasSize(11);
        assertThat(sink.unrecorded()).isEqualTo(2);
    }

    @Test
    void aLedgerThatCannotTakeTheDenialLeavesTheCommandRefusedAndIsCountedNotThrown() {
        kafka.ledger().close();

        sink.denied(MALLORY, "shutdown", "never shutdown", "no");

        assertThat(sink.failed()).isEqualTo(1);
        assertThat(sink.unrecorded()).isZero();
    }

    @Test
    void aBurstOrRateBelowOneIsRefused() {
        assertThatThrownBy(() -> new LedgerDenialSink(kafka.ledger(), clock, 0, 10))
                .hasMessage("the denial burst must be at least 1, got 0");
        assertThatThrownBy(() -> new LedgerDenialSink(kafka.ledger(), clock, 10, 0))
                .hasMessage("the denials refilled per minute must be at least 1, got 0");
    }
}
