package io.ecledger.api.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Kafka broker as its own process, {@code ops/bin/kafka-local}, as an operator runs it: killed with
 * {@code kill -9} and started again on the same port and data directory.
 */
final class LocalBroker extends BrokerProcesses {

    private static final Path SCRIPT = Path.of("..", "ops", "bin", "kafka-local").toAbsolutePath().normalize();
    private final Path data;
    private final int port;

    private LocalBroker(Path data, int port) {
        this.data = data;
        this.port = port;
    }

    /** A fresh broker with its data in {@code data}, on a port nothing else holds. */
    static LocalBroker start(Path data) throws Exception {
        for (int attempt = 1; ; attempt++) {
            LocalBroker broker = new LocalBroker(data, freePort());
            try {
                broker.start();
                return broker;
            } catch (IllegalStateException e) {
                // the port was free when picked; another process may bind it before the broker does (a first start
                // builds the classpath first)
                if (attempt == 3 || !e.getMessage().contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    /** Starts the broker again on its port and data directory, and waits until it says it is ready. */
    void start() throws Exception {
        run(List.of(SCRIPT.toString(), "--port", String.valueOf(port), "--data", data.toString()));
    }

    /** {@code kill -9} of the broker's JVM: no clean shutdown, its log segments as they were. */
    void kill() throws Exception {
        long pid = Long.parseLong(Files.readString(data.resolve("kafka-local.pid")).strip());
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("the broker (pid " + pid + ") is not running"));
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public String kind() {
        return "kafka-local";
    }

    @Override
    public synchronized void close() throws Exception {
        closeAdmin();
        run(List.of(SCRIPT.toString(), "stop", "--data", data.toString()));
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
