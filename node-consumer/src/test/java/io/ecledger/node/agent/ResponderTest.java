package io.ecledger.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResponderTest {

    private static final Instant DEADLINE = Events.T0.plusSeconds(30);

    private final CountingExecutor executor = new CountingExecutor();

    private Responder responder(Clock clock) {
        return new Responder(Events.node("rh52bare", "east"), executor, clock);
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static CommandIssued command(Target target, String text) {
        return new CommandIssued(UUID.randomUUID(), target, text, List.of("rh52bare"), DEADLINE, OptionalLong.empty());
    }

    @Test
    void aCommandForThisNodeIsRunAndAnsweredWithItsOffsetStatusAndOutput() {
        CommandIssued command = command(new Target.Broadcast(), "version");

        Optional<NodeResponse> response = responder(at(Events.T0)).respond(Events.event(command), 41);

        assertThat(response).hasValueSatisfying(r -> {
            assertThat(r.commandId()).isEqualTo(command.commandId());
            assertThat(r.ledgerOffset()).isEqualTo(41);
            assertThat(r.node()).isEqualTo("rh52bare");
            assertThat(r.subcluster()).isEqualTo("east");
            assertThat(r.status()).isEqualTo(NodeStatus.OK);
            assertThat(r.output()).isEqualTo("ran: version");
            assertThat(r.startedAt()).isEqualTo(Events.T0);
        });
        assertThat(executor.ran()).containsExactly("version");
    }

    @Test
    void commandsForItsSubclusterAndForItByNameAreRunToo() {
        Responder responder = responder(at(Events.T0));

        assertThat(responder.respond(Events.event(command(new Target.Subcluster("east"), "summary")), 1)).isPresent();
        assertThat(responder.respond(Events.event(command(new Target.Unicast("rh52bare"), "version")), 2)).isPresent();
        assertThat(executor.ran()).containsExactly("summary", "version");
    }

    @Test
    void commandsForAnotherNodeOrSubclusterAreIgnoredAndNotRun() {
        Responder responder = responder(at(Events.T0));

        assertThat(responder.respond(Events.event(command(new Target.Unicast("rh52mgr"), "version")), 1)).isEmpty();
        assertThat(responder.respond(Events.event(command(new Target.Subcluster("west"), "version")), 2)).isEmpty();
        assertThat(executor.ran()).isEmpty();
    }

    @Test
    void ledgerEventsThatAreNotCommandsAreIgnored() {
        assertThat(responder(at(Events.T0)).respond(Events.event(Events.configSet()), 3)).isEmpty();
        assertThat(executor.ran()).isEmpty();
    }

    @Test
    void aCommandSeenAfterItsDeadlineIsAnsweredExpiredAndNotRun() {
        Instant seen = DEADLINE.plusMillis(1);
        CommandIssued command = command(new Target.Broadcast(), "summary");

        Optional<NodeResponse> response = responder(at(seen)).respond(Events.event(command), 9);

        assertThat(response).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(NodeStatus.EXPIRED);
            assertThat(r.ledgerOffset()).isEqualTo(9);
            assertThat(r.output()).isEqualTo("not run: its deadline " + DEADLINE + " passed before rh52bare saw it at " + seen);
            assertThat(r.startedAt()).isEqualTo(seen);
            assertThat(r.finishedAt()).isEqualTo(seen);
        });
        assertThat(executor.ran()).isEmpty();
    }

    @Test
    void aCommandSeenExactlyAtItsDeadlineStillRuns() {
        Optional<NodeResponse> response = responder(at(DEADLINE)).respond(Events.event(command(new Target.Broadcast(),
                "version")), 9);

        assertThat(response).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(NodeStatus.OK));
        assertThat(executor.ran()).containsExactly("version");
    }

    @Test
    void anExecutorThatThrowsIsAnsweredAsAnError() {
        Responder responder = new Responder(Events.node("rh52bare", "east"), text -> {
            throw new IllegalStateException("console socket gone");
        }, at(Events.T0));

        Optional<NodeResponse> response = responder.respond(Events.event(command(new Target.Broadcast(), "version")), 4);

        assertThat(response).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(NodeStatus.ERROR);
            assertThat(r.output()).isEqualTo("the executor failed: java.lang.IllegalStateException: console socket gone");
        });
    }

    @Test
    void theExecutorsRefusalIsAnsweredRejected() {
        Responder responder = new Responder(Events.node("rh52bare", "east"),
                text -> ExecutionResult.rejected("unknown command"), at(Events.T0));

        assertThat(responder.respond(Events.event(command(new Target.Broadcast(), "frobnicate")), 4))
                .hasValueSatisfying(r -> {
                    assertThat(r.status()).isEqualTo(NodeStatus.REJECTED);
                    assertThat(r.output()).isEqualTo("unknown command");
                });
    }

    @Test
    void theAnswerSpansTheRunAndNeverFinishesBeforeItStartedWhenTheClockStepsBack() {
        Instant started = Events.T0.plusSeconds(1);
        Responder forward = responder(clock(started, started.plusMillis(250)));
        Responder backward = responder(clock(started, started.minusSeconds(5)));

        NodeResponse timed = forward.respond(Events.event(command(new Target.Broadcast(), "version")), 1).orElseThrow();
        NodeResponse stepped = backward.respond(Events.event(command(new Target.Broadcast(), "version")), 1).orElseThrow();

        assertThat(timed.startedAt()).isEqualTo(started);
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

    @Test
    void aBroadcastOrSubclusterCommandThatDoesNotNameThisNodeAmongTheExpectedIsIgnoredAndNotRun() {
        Responder responder = responder(at(Events.T0));
        List<String> others = List.of("rh52mgr", "rh52bar2");

        assertThat(responder.respond(Events.event(new CommandIssued(UUID.randomUUID(), new Target.Broadcast(), "version",
                others, DEADLINE, OptionalLong.empty())), 1)).isEmpty();
        assertThat(responder.respond(Events.event(new CommandIssued(UUID.randomUUID(), new Target.Subcluster("east"),
                "summary", List.of(), DEADLINE, OptionalLong.empty())), 2)).isEmpty();
        assertThat(executor.ran()).isEmpty();
    }

    @Test
    void aUnicastToThisNodeRunsEvenWhenItsExpectedNodesDoNotNameIt() {
        CommandIssued unicast = new CommandIssued(UUID.randomUUID(), new Target.Unicast("rh52bare"), "version", List.of(),
                DEADLINE, OptionalLong.empty());

        assertThat(responder(at(Events.T0)).respond(Events.event(unicast), 3)).isPresent();
        assertThat(executor.ran()).containsExactly("version");
    }
}
