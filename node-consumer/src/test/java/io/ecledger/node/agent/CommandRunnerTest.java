package io.ecledger.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.node.executor.ExecutionResult;
import io.ecledger.node.executor.SimulatedNode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandRunnerTest {

    private CommandRunner runner;

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void aQuickCommandIsNeverWatched() {
        runner = new CommandRunner(text -> ExecutionResult.ok("ran: " + text), "rh52bare", Duration.ofSeconds(10));
        AtomicInteger looks = new AtomicInteger();

        CommandRunner.Outcome outcome = runner.run("version", () -> {
            looks.incrementAndGet();
            return Optional.empty();
        });

        assertThat(outcome).isEqualTo(new CommandRunner.Outcome.Finished(ExecutionResult.ok("ran: version")));
        assertThat(looks).hasValue(0);
    }

    @Test
    void anExecutorThatThrowsIsAnsweredAsAnError() {
        runner = new CommandRunner(text -> {
            throw new IllegalStateException("console socket gone");
        }, "rh52bare", Duration.ofSeconds(10));

        assertThat(runner.run("version", Optional::empty)).isEqualTo(new CommandRunner.Outcome.Finished(
                ExecutionResult.error("the executor failed: java.lang.IllegalStateException: console socket gone")));
    }

    @Test
    void aLongCommandIsWatchedUntilItEnds() {
        runner = new CommandRunner(SimulatedNode.of("rh52bare", "east"), "rh52bare", Duration.ofMillis(10));
        AtomicInteger looks = new AtomicInteger();

        CommandRunner.Outcome outcome = runner.run("sleep 1", () -> {
            looks.incrementAndGet();
            sleepQuietly(20);
            return Optional.empty();
        });

        assertThat(outcome).isEqualTo(new CommandRunner.Outcome.Finished(ExecutionResult.ok("slept 1 s on rh52bare")));
        assertThat(looks.get()).isGreaterThan(1);
    }

    @Test
    void aCancelSeenWhileItRunsInterruptsTheExecutorAndSaysWhoseItWas() {
        runner = new CommandRunner(SimulatedNode.of("rh52bare", "east"), "rh52bare", Duration.ofMillis(10));
        AtomicInteger looks = new AtomicInteger();

        CommandRunner.Outcome outcome = runner.run("sleep 600", () -> {
            sleepQuietly(20);
            return looks.incrementAndGet() < 3 ? Optional.empty() : Optional.of("cancelled by alice");
        });

        assertThat(outcome).isEqualTo(new CommandRunner.Outcome.Stopped("cancelled by alice",
                ExecutionResult.error("sleep interrupted on rh52bare")));
        // the worker is free again: the next command runs at once
        assertThat(runner.run("version", Optional::empty)).isInstanceOf(CommandRunner.Outcome.Finished.class);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
