package io.ecledger.node.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.node.executor.ExecutionResult.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcConsoleExecutorTest {

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void theCommandGoesInOnStandardInputAndTheOutputComesBack() throws IOException {
        EcConsoleExecutor console = new EcConsoleExecutor(script("echo-console", "echo \"> $(cat)\""),
                Duration.ofSeconds(10), 1024);
        assertThat(console.run("summary")).isEqualTo(ExecutionResult.ok("> summary\n"));
    }

    @Test
    void standardErrorIsPartOfTheAnswer() throws IOException {
        EcConsoleExecutor console = new EcConsoleExecutor(script("err", "cat >/dev/null; echo oops >&2"),
                Duration.ofSeconds(10), 1024);
        assertThat(console.run("version").output()).isEqualTo("oops\n");
    }

    @Test
    void aNonZeroExitIsAnErrorNamingTheStatus() throws IOException {
        EcConsoleExecutor console = new EcConsoleExecutor(script("fail", "cat; exit 3"), Duration.ofSeconds(10), 1024);
        ExecutionResult result = console.run("frobnicate");
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.output()).contains("exited with status 3").endsWith("frobnicate\n");
    }

    @Test
    void aMissingProgramIsAnErrorNamingIt() {
        Path missing = dir.resolve("no-such-console");
        ExecutionResult result = new EcConsoleExecutor(missing, Duration.ofSeconds(10), 1024).run("version");
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.output()).startsWith("cannot run console program " + missing);
    }

    @Test
    void aConsoleThatRunsTooLongIsKilledAndAnswersTimedOut() throws IOException {
        EcConsoleExecutor console = new EcConsoleExecutor(script("slow", "echo started; sleep 30"),
                Duration.ofMillis(500), 1024);
        long began = System.nanoTime();
        ExecutionResult result = console.run("summary");
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10));
        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.output()).contains("timed out after 500 ms and was killed");
    }

    @Test
    void outputBeyondTheCapIsTruncatedWithAMarker() throws IOException {
        EcConsoleExecutor console = new EcConsoleExecutor(
                script("big", "cat >/dev/null; head -c 200000 /dev/zero | tr '\\0' x"), Duration.ofSeconds(10), 1000);
        ExecutionResult result = console.run("summary");
        assertThat(result.status()).isEqualTo(Status.OK);
        assertThat(result.output()).startsWith("x".repeat(1000) + "\n[output truncated: 200000 bytes, kept the first 1000]");
    }

    @Test
    void theDefaultsAreMomentumsConsoleTenSecondsAnd16MiB() {
        assertThat(new EcConsoleExecutor().toString())
                .isEqualTo("EcConsoleExecutor[/opt/msys/ecelerity/bin/ec_console, timeout 10 s, cap 16777216 bytes]");
    }

    @Test
    void aConsoleWhoseThreadIsInterruptedIsKilledAsACancelAsks() throws Exception {
        Path pid = dir.resolve("pid");
        EcConsoleExecutor console = new EcConsoleExecutor(script("long", "echo $$ > '" + pid + "'; exec sleep 60"),
                Duration.ofSeconds(60), 1024);
        java.util.concurrent.atomic.AtomicReference<ExecutionResult> result = new java.util.concurrent.atomic.AtomicReference<>();
        Thread running = new Thread(() -> result.set(console.run("summary")));
        running.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(pid) && !Files.readString(pid).isBlank());
        ProcessHandle process = ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).orElseThrow();

        running.interrupt();
        running.join(10_000);

        assertThat(result.get().status()).isEqualTo(Status.ERROR);
        assertThat(result.get().output()).startsWith("interrupted while running");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
    }
}
