package io.ecledger.api.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** The three-broker cluster of {@code ops/cluster}, as real processes, driven through that script as an operator would. */
final class ThreeBrokerCluster extends BrokerProcesses {

    private static final Path SCRIPT = Path.of("..", "ops", "cluster").toAbsolutePath().normalize();

    private final Path directory;
    private final int basePort;

    private ThreeBrokerCluster(Path directory, int basePort) {
        this.directory = directory;
        this.basePort = basePort;
    }

    /** Starts a fresh cluster with its data in {@code directory}, on ports nothing else holds. */
    static ThreeBrokerCluster up(Path directory) throws Exception {
        ThreeBrokerCluster cluster = new ThreeBrokerCluster(directory, freeBase());
        try {
            cluster.run("up");
        } catch (Exception e) {
            // the nodes that did start must not outlive the test
            cluster.close();
            throw e;
        }
        return cluster;
    }

    @Override
    public String bootstrapServers() {
        try {
            return run("bootstrap").strip();
        } catch (Exception e) {
            throw new IllegalStateException("ops/cluster bootstrap failed", e);
        }
    }

    @Override
    public String kind() {
        return "ops/cluster";
    }

    /** {@code kill -9} of node {@code n} (1-3): the process dies without a clean shutdown. */
    void kill(int n) throws Exception {
        run("kill", String.valueOf(n));
    }

    void start(int n) throws Exception {
        run("start", String.valueOf(n));
    }

    @Override
    public synchronized void close() throws Exception {
        closeAdmin();
        run("down");
    }

    private String run(String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(concat(SCRIPT.toString(), args)).redirectErrorStream(true);
        builder.environment().put("ECLEDGER_CLUSTER_DIR", directory.toString());
        builder.environment().put("ECLEDGER_CLUSTER_PORT", String.valueOf(basePort));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("ops/cluster " + String.join(" ", args) + " failed:\n" + output);
        }
        return output;
    }

    private static List<String> concat(String first, String... rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), java.util.Arrays.stream(rest)).toList();
    }

    /** A base port whose brokers (base..base+2) and controllers (base+100..base+102) are free now. */
    private static int freeBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (free(base) && free(base + 1) && free(base + 2) && free(base + 100) && free(base + 101) && free(base + 102)) {
                return base;
            }
        }
        throw new IllegalStateException("no free block of ports for a three-broker cluster");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
