package io.ecledger.api.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.testing.Cluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
