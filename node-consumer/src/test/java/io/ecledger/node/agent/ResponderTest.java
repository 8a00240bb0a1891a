package io.ecledger.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.node.executor.ExecutionResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResponderTest {

    private static final Instant DEADLINE = Events.T0.plusSeconds(30);
    private static final Task TASK = new Task(UUID.randomUUID(), 41, "version", Events.T0.plusSeconds(10), DEADLINE);

    private static Responder responder(Clock clock) {
        return new Responder(Events.node("rh52bare", "east"), clock);
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void aFinishedRunIsAnsweredWithItsOffsetStatusAndOutput() {
        NodeResponse r = responder(at(Events.T0.plusSeconds(2))).ran(TASK, Events.T0,
                new CommandRunner.Outcome.Finished(ExecutionResult.ok("ran: version")));

        assertThat(r.commandId()).isEqualTo(TASK.commandId());
        assertThat(r.ledgerOffset()).isEqualTo(41);
        assertThat(r.node()).isEqualTo("rh52bare");
        assertThat(r.subcluster()).isEqualTo("east");
        assertThat(r.status()).isEqualTo(NodeStatus.OK);
        assertThat(r.output()).isEqualTo("ran: version");
        assertThat(r.startedAt()).isEqualTo(Events.T0);
        assertThat(r.finishedAt()).isEqualTo(Events.T0.plusSeconds(2));
    }

    @Test
    void theExecutorsRefusalIsAnsweredRejected() {
        NodeResponse r = responder(at(Events.T0)).ran(TASK, Events.T0,
                new CommandRunner.Outcome.Finished(ExecutionResult.rejected("unknown command")));

        assertThat(r.status()).isEqualTo(NodeStatus.REJECTED);
        assertThat(r.output()).isEqualTo("unknown command");
    }

    @Test
    void aRefusedRecordIsAnsweredRejectedNamingThatRecordNotTheCommandsOwn() {
        NodeResponse r = responder(at(Events.T0)).rejected(TASK, 57, "a copy of the event at offset 41");

        assertThat(r.commandId()).isEqualTo(TASK.commandId());
        assertThat(r.ledgerOffset()).as("the refused record, so the answer to offset 41 is not taken").isEqualTo(57);
        assertThat(r.status()).isEqualTo(NodeStatus.REJECTED);
        assertThat(r.output()).isEqualTo("not run: a copy of the event at offset 41");
    }

    @Test
    void aStoppedRunIsAnsweredCancelledWithWhoCancelledItAndWhatTheExecutorSaid() {
        NodeResponse r = responder(at(Events.T0.plusSeconds(3))).ran(TASK, Events.T0, new CommandRunner.Outcome.Stopped(
                "cancelled by alice at offset 50: wrong host", ExecutionResult.error("console killed")));

        assertThat(r.status()).isEqualTo(NodeStatus.CANCELLED);
        assertThat(r.output()).isEqualTo("stopped while running: cancelled by alice at offset 50: wrong host\nconsole killed");
    }

    @Test
    void aTaskNotStartedWhenItsCancelArrivedIsAnsweredCancelledNotRun() {
        NodeResponse r = responder(at(Events.T0)).cancelledBeforeStart(TASK, "cancelled by alice at offset 50: oops");

        assertThat(r.status()).isEqualTo(NodeStatus.CANCELLED);
        assertThat(r.output()).isEqualTo("not run: cancelled by alice at offset 50: oops");
    }

    @Test
    void aTaskSeenAfterItHadToStartIsExpiredAndOneSeenExactlyThenIsNot() {
        Instant seen = TASK.startBy().plusMillis(1);

        assertThat(responder(at(TASK.startBy())).expired(TASK)).isEmpty();
        assertThat(responder(at(seen)).expired(TASK)).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(NodeStatus.EXPIRED);
            assertThat(r.ledgerOffset()).isEqualTo(41);
            assertThat(r.output()).isEqualTo("not run: it had to start by " + TASK.startBy() + " and rh52bare saw it at "
                    + seen);
            assertThat(r.startedAt()).isEqualTo(seen);
            assertThat(r.finishedAt()).isEqualTo(seen);
        });
    }

    @Test
    void progressIsDeliveredOrRunningNeverAnAnswer() {
        NodeResponse running = responder(at(Events.T0)).progress(TASK, NodeStatus.RUNNING);

        assertThat(running.status()).isEqualTo(NodeStatus.RUNNING);
        assertThat(running.status().isAnswer()).isFalse();
        assertThatThrownBy(() -> responder(at(Events.T0)).progress(TASK, NodeStatus.OK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAnswerSpansTheRunAndNeverFinishesBeforeItStartedWhenTheClockStepsBack() {
        Instant started = Events.T0.plusSeconds(1);
        CommandRunner.Outcome ok = new CommandRunner.Outcome.Finished(ExecutionResult.ok("v"));

        NodeResponse timed = responder(clock(started.plusMillis(250))).ran(TASK, started, ok);
        NodeResponse stepped = responder(clock(started.minusSeconds(5))).ran(TASK, started, ok);

        assertThat(timed.finishedAt()).isEqualTo(started.plusMillis(250));
        assertThat(stepped.startedAt()).isEqualTo(started);
        assertThat(stepped.finishedAt()).isEqualTo(started);
    }

    /** A clock that tells these instants in turn. */
    private static Clock clock(Instant... instants) {
        Deque<Instant> left = new ArrayDeque<>(List.of(instants));
        return new Clock() {
            @Override
            public Instant instant() {
                return left.pop();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
