package io.ecledger.node.agent;

import io.ecledger.node.executor.ExecutionResult;
import io.ecledger.node.executor.Executor;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a node's commands one at a time on a worker thread, so that the agent's own thread can watch the ledger for a
 * cancel while one runs. A cancel interrupts the worker: an executor that honours interrupts stops the command (the
 * {@code ec_console} executor kills the console process).
 */
final class CommandRunner implements AutoCloseable {

    /** How a command run ended. */
    sealed interface Outcome permits Outcome.Finished, Outcome.Stopped {

        /** It ran to its end; {@code result} is what the executor said. */
        record Finished(ExecutionResult result) implements Outcome {}

        /** It was stopped by {@code cancel} (who cancelled it, and why); {@code result} is what the executor said then. */
        record Stopped(String cancel, ExecutionResult result) implements Outcome {}
    }

    /** Asked while a command runs, every {@code interval} after the first: whether a cancel stops it, and whose. */
    interface Watch {
        Optional<String> cancel();
    }

    private final Executor executor;
    private final Duration firstLook;
    private final ExecutorService worker;

    /** Runs on {@code executor}; a command still running after {@code firstLook} is watched. */
    CommandRunner(Executor executor, String node, Duration firstLook) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.firstLook = Objects.requireNonNull(firstLook, "firstLook");
        this.worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "node-command-" + node);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code commandText}; once it has run {@code firstLook}, asks {@code watch} until it ends or is stopped. */
    Outcome run(String commandText, Watch watch) {
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        Future<?> running = worker.submit(() -> {
            try {
                result.complete(executor.run(commandText));
            } catch (RuntimeException | Error e) {
                // executors answer failures as ERROR; one that throws is a bug, reported to the operator the same way
                result.complete(ExecutionResult.error("the executor failed: " + e));
            }
        });
        try {
            return new Outcome.Finished(result.get(firstLook.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            // still running: watch it
        } catch (InterruptedException | ExecutionException e) {
            return interrupted(running, result, e);
        }
        while (!result.isDone()) {
            Optional<String> cancel = watch.cancel();
            if (cancel.isPresent()) {
                running.cancel(true);
                return new Outcome.Stopped(cancel.get(), await(result));
            }
        }
        return new Outcome.Finished(await(result));
    }

    private Outcome interrupted(Future<?> running, CompletableFuture<ExecutionResult> result, Exception e) {
        running.cancel(true);
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new Outcome.Finished(ExecutionResult.error("the agent stopped while the command ran: " + e));
    }

    // an executor that ignores the interrupt finishes in its own time (its own timeout bounds it); its word is kept
    private static ExecutionResult await(CompletableFuture<ExecutionResult> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExecutionResult.error("the agent stopped while the command ran");
        } catch (ExecutionException e) {
            return ExecutionResult.error("the executor failed: " + e.getCause());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
