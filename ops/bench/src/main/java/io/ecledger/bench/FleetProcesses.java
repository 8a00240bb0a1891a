package io.ecledger.bench;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.sign.KeyFiles;
import io.ecledger.node.NodeMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Simulated node agents spread over several {@code ecnode} processes ({@link NodeMain}, this JVM's classpath), as
 * the issue allows for large fleets: one JVM holding 1,000 agents' 3,000 Kafka clients hits the open-file limit.
 * Ready once every agent announced itself on the membership topic, which it does after its clients are up.
 */
final class FleetProcesses implements SimulatedFleet {

    private final List<String> nodes;
    private final List<Process> processes;

    private FleetProcesses(List<String> nodes, List<Process> processes) {
        this.nodes = nodes;
        this.processes = processes;
    }

    /**
     * {@code size} agents named {@code prefix0000…}, {@code perProcess} to an {@code ecnode}, their logs and node keys
     * under {@code directory}; returns once all announced, or throws at {@code deadline} (nanoTime).
     */
    static FleetProcesses start(String servers, TopicLayout layout, PublicKey managerKey, String prefix, int size,
            int perProcess, Path directory, long deadline) throws IOException, TimeoutException {
        List<String> nodes = IntStream.range(0, size).mapToObj(i -> String.format("%s%04d", prefix, i)).toList();
        Files.createDirectories(directory);
        Path keyFile = directory.resolve("manager-key.pub.pem");
        Files.writeString(keyFile, KeyFiles.publicPem(managerKey));
        List<Process> processes = new ArrayList<>();
        FleetProcesses fleet = new FleetProcesses(nodes, processes);
        try (KafkaConsumer<byte[], byte[]> membership = membershipReader(servers, layout)) {
            for (int from = 0; from < size; from += perProcess) {
                processes.add(ecnode(servers, layout, keyFile, nodes.subList(from, Math.min(size, from + perProcess)),
                        directory.resolve("ecnode-" + processes.size())));
            }
            fleet.awaitAnnounced(membership, deadline, directory);
            return fleet;
        } catch (IOException | TimeoutException | RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    private static Process ecnode(String servers, TopicLayout layout, Path keyFile, List<String> slice, Path directory)
            throws IOException {
        Files.createDirectories(directory);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Xss512k", "-Dlogback.configurationFile=ops/conf/ecnode-logback.xml",
                "-cp", System.getProperty("java.class.path"), NodeMain.class.getName(),
                "--kafka", servers, "--topic-prefix", layout.prefix(), "--manager-key", keyFile.toString(),
                "--state-dir", directory.resolve("state").toString()));
        slice.forEach(node -> command.addAll(List.of("--node", node + "@bench")));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("ecnode.log").toFile()).start();
    }

    private static KafkaConsumer<byte[], byte[]> membershipReader(String servers, TopicLayout layout) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                ClientProperties.reader(servers, "bench-membership-" + UUID.randomUUID()));
        List<TopicPartition> partitions = consumer.partitionsFor(layout.membership()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    private void awaitAnnounced(KafkaConsumer<byte[], byte[]> membership, long deadline, Path directory)
            throws TimeoutException {
        Set<String> announced = new HashSet<>();
        while (announced.size() < nodes.size()) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("an ecnode exited with " + process.exitValue() + " before its "
                            + "agents announced; see its ecnode.log under " + directory);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(announced.size() + " of " + nodes.size() + " agents announced in time");
            }
            for (ConsumerRecord<byte[], byte[]> record : membership.poll(Duration.ofMillis(200))) {
                try {
                    if (EventCodec.MEMBERSHIP.decode(record.value()) instanceof MembershipEvent.NodeAnnounced joined) {
                        announced.add(joined.identity().node());
                    }
                } catch (UndecodableRecordException e) {
                    throw new AssertionError("undecodable membership record at offset " + record.offset(), e);
                }
            }
        }
    }

    @Override
    public List<String> nodes() {
        return nodes;
    }

    /** Stops every {@code ecnode} as an operator does (SIGTERM: its agents say NodeLeft), killing one that hangs. */
    @Override
    public void close() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
