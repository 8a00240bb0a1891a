package io.ecledger.node.executor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs commands through a real console program (Momentum's {@code ec_console}): the command on
 * its standard input, its standard output and error as the answer, bounded in time and size.
 */
public final class EcConsoleExecutor implements Executor {

    /** Where Momentum installs its console. */
    public static final Path DEFAULT_PROGRAM = Path.of("/opt/msys/ecelerity/bin/ec_console");
    /** How long one command may run before it is killed. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** How much output one answer keeps: what goes past the agent's inline cap follows the answer in parts. */
    public static final int DEFAULT_OUTPUT_CAP = 16 * 1024 * 1024;

    private final Path program;
    private final Duration timeout;
    private final int outputCap;

    /** The default program, timeout and output cap. */
    public EcConsoleExecutor() {
        this(DEFAULT_PROGRAM, DEFAULT_TIMEOUT, DEFAULT_OUTPUT_CAP);
    }

    /** Runs {@code program}, killing it after {@code timeout} and keeping at most {@code outputCap} bytes of output. */
    public EcConsoleExecutor(Path program, Duration timeout, int outputCap) {
        this.program = Objects.requireNonNull(program, "program");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("console timeout must be positive, was " + timeout);
        }
        if (outputCap < 1) {
            throw new IllegalArgumentException("output cap must be at least 1 byte, was " + outputCap);
        }
        this.outputCap = outputCap;
    }

    @Override
    public ExecutionResult run(String commandText) {
        Process process;
        try {
            process = new ProcessBuilder(program.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return ExecutionResult.error("cannot run console program " + program + ": " + e.getMessage());
        }
        // read concurrently: a console that fills the pipe would otherwise block before exiting
        CompletableFuture<Capture> output = CompletableFuture.supplyAsync(() -> capture(process.getInputStream()));
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write((commandText + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the console exited without reading its input; its exit status and output tell why
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                Capture partial = afterKill(output);
                return ExecutionResult.error("console program " + program + " timed out after " + describe(timeout)
                        + " and was killed" + (partial == null || partial.text().isEmpty() ? "" : "\n" + partial.text()));
            }
            Capture captured = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int exit = process.exitValue();
            if (exit != 0) {
                return ExecutionResult.error("console program " + program + " exited with status " + exit
                        + (captured.text().isEmpty() ? "" : "\n" + captured.text()));
            }
            return ExecutionResult.ok(captured.text());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return ExecutionResult.error("interrupted while running " + program);
        } catch (ExecutionException | TimeoutException e) {
            // the console exited but something it started still holds its output open
            kill(process);
            return ExecutionResult.error("cannot read the output of " + program + ": " + e);
        }
    }

    private record Capture(String text) {}

    private Capture capture(InputStream in) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long total = 0;
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int room = (int) Math.max(0, Math.min(n, outputCap - total));
                kept.write(buffer, 0, room);
                // keep draining past the cap so the console can finish instead of blocking on a full pipe
                total += n;
            }
        } catch (IOException e) {
            // the process was killed while we read; keep what arrived
        }
        String text = kept.toString(StandardCharsets.UTF_8);
        if (total > outputCap) {
            text += "\n[output truncated: " + total + " bytes, kept the first " + outputCap + "]";
        }
        return new Capture(text);
    }

    // once killed the pipe closes and the reader ends; give it a moment, but never hang on it
    private static Capture afterKill(CompletableFuture<Capture> output) {
        try {
            return output.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return null;
        }
    }

    private static void kill(Process process) {
        // a shell script's children (sleep, …) would otherwise keep running and hold the pipe open
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public String toString() {
        return "EcConsoleExecutor[" + program + ", timeout " + describe(timeout) + ", cap " + outputCap + " bytes]";
    }
}
