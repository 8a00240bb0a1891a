package io.ecledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/** One node's agent as a real {@code ops/bin/ecnode} process on a test cluster, its output kept in its state directory. */
final class EcnodeProcess {

    private static final Path ECNODE = Path.of("..", "ops", "bin", "ecnode").toAbsolutePath().normalize();

    private EcnodeProcess() {}

    /** Starts the agent of {@code node} in subcluster east, keeping its state (and output) in {@code state}. */
    static Process start(Cluster cluster, String node, Path state) throws IOException {
        return new ProcessBuilder(ECNODE.toString(), "--kafka", cluster.bootstrapServers(),
                "--manager-key", cluster.managerPublicKey().toString(), "--node", node + "@east",
                "--topic-prefix", cluster.prefix(), "--state-dir", state.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("ecnode.out").toFile()))
                .start();
    }

    /** Waits until the manager lists {@code node} as a member; fails with what the agent printed when it never joins. */
    static void awaitJoined(ManagerFixture manager, String node, Path state) throws IOException {
        try {
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                    assertThat(manager.console("show cluster membership").body()).contains(node));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the agent never joined; its output:\n" + output(state), e);
        }
    }

    /** What the agents started with {@code state} printed so far. */
    static String output(Path state) throws IOException {
        Path out = state.resolve("ecnode.out");
        return Files.exists(out) ? Files.readString(out) : "(none)";
    }

    /** kill -9 of the agent's JVM: ops/bin/ecnode execs java, so the process started is the agent itself. */
    static void kill(Process agent) throws InterruptedException {
        agent.destroyForcibly();
        assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("the agent died").isTrue();
    }
}
