package io.ecledger.api.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.LedgerEntry;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.NodeKey;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A manager and, unless built without them, the seed's three agents (rh52bare and rh52mgr in east, rh52bar2 in
 * west), on topics of their own on the shared test broker, with an H2 file in a directory of their own.
 *
 * <p>Get the JVM's shared one from {@link SeededCluster}; build one of your own with
 * {@link SeededCluster#fresh(KafkaBroker.Handle)} when a test needs a state nobody else touched.
 */
public final class Cluster implements AutoCloseable {

    /** The seed's sample configuration, seen from a module directory, which is where Maven runs tests. */
    private static final Path SEED_CONF = Path.of("..", "ops", "conf");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final TopicLayout layout;
    private final Path directory;
    private final Map<String, String> settings;
    private ManagerFixture manager;
    private ManagerFixture standby;
    private SeedNodes nodes;
    private final Map<String, NodeKey> nodeKeys = new LinkedHashMap<>();
    private Ledger ledger;

    private Cluster(String bootstrapServers, TopicLayout layout, Path directory, Map<String, String> settings) {
        this.bootstrapServers = bootstrapServers;
        this.layout = layout;
        this.directory = directory;
        Map<String, String> all = new LinkedHashMap<>(settings);
        // the seed agents' keys are preseeded, so the manager trusts them without a decision on the ledger: every
        // test sees the ledger it wrote; other nodes' keys the test cluster auto-accepts
        for (String[] node : SeedNodes.SEED) {
            NodeKey key = NodeKey.generate();
            nodeKeys.put(node[0], key);
            all.put("nodes.preseededKeys." + node[0], key.publicBase64());
        }
        all.put("kafka.bootstrapServers", bootstrapServers);
        all.put("kafka.topicPrefix", layout.prefix());
        all.put("dataDirectory", data().toString());
        this.settings = Map.copyOf(all);
    }

    /** The running manager. */
    public synchronized ManagerFixture manager() {
        if (manager == null) {
            throw new IllegalStateException("the manager of " + layout.prefix() + " is stopped");
        }
        return manager;
    }

    /** Stops the manager, if it runs, and starts another on the same topics, H2 file and settings. */
    public synchronized ManagerFixture restartManager() {
        stopManager();
        ManagerFixture next = ManagerFixture.configured(directory.resolve("eccmgr.yml"), settings);
        try {
            manager = next.start();
        } catch (RuntimeException e) {
            next.close();
            throw e;
        }
        return manager;
    }

    /**
     * Starts a second manager on the same topics, as a standby host would run it: a data directory (and H2 file) of
     * its own holding a copy of the manager's key files, so that the agents trust what it signs; no control socket.
     * Starting it takes the ledger over from {@link #manager()}. Closed with the cluster.
     */
    public synchronized ManagerFixture startStandby() {
        if (standby != null) {
            throw new IllegalStateException("the standby manager of " + layout.prefix() + " already runs");
        }
        Path data = directory.resolve("standby-data");
        try {
            Files.createDirectories(data);
            for (String file : List.of(ManagerKey.PRIVATE_FILE, ManagerKey.PUBLIC_FILE)) {
                Files.copy(data().resolve(file), data.resolve(file), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot give the standby manager the manager's key", e);
        }
        Map<String, String> own = new LinkedHashMap<>(settings);
        own.keySet().removeIf(key -> key.startsWith("controlListener."));
        own.put("dataDirectory", data.toString());
        ManagerFixture next = ManagerFixture.configured(directory.resolve("standby.yml"), own);
        try {
            standby = next.start();
        } catch (RuntimeException e) {
            next.close();
            throw e;
        }
        return standby;
    }

    /** Stops the manager, e.g. to touch its H2 file; {@link #restartManager()} brings one back. */
    public synchronized void stopManager() {
        if (manager != null) {
            manager.close();
            manager = null;
        }
    }

    /** Stops one seed node's agent cleanly: it says {@code NodeLeft}. */
    public synchronized void stopNode(String node) {
        nodes().stop(node);
    }

    /** How many times each seed node's executor has run a command, by node name. */
    public synchronized Map<String, Long> executorCalls() {
        return nodes().executorCalls();
    }

    /** Stops every seed agent: no more heartbeats or answers. */
    public synchronized void stopNodes() {
        if (nodes != null) {
            nodes.close();
            nodes = null;
        }
    }

    /** A ledger on this cluster's topics, signing with the manager's key, opened on first use and closed with the cluster. */
    public synchronized Ledger ledger() {
        if (ledger == null) {
            // signed as the manager signs, so the agents run what tests append here
            ledger = Ledger.open(bootstrapServers, layout, new SkippedRecords(), ManagerKey.load(data()));
        }
        return ledger;
    }

    /** Every ledger record at or past {@code offset}, in order: what a step appended, counted by an independent read. */
    public List<LedgerEntry> ledgerSince(long offset) {
        List<LedgerEntry> entries = new ArrayList<>();
        ledger().replay(entry -> {
            if (entry.offset() >= offset) {
                entries.add(entry);
            }
        });
        return entries;
    }

    /**
     * Says {@code node} joined, signed by its key as its agent would (the test cluster accepts it on first use), with
     * no agent behind it: a member that never answers.
     */
    public void announceWithoutAgent(NodeIdentity node) {
        try (KafkaProducer<String, MembershipEvent> producer = new KafkaProducer<>(
                ClientProperties.ledgerProducer(bootstrapServers, node.node()), new StringSerializer(),
                EventCodec.MEMBERSHIP.serializer())) {
            producer.send(new ProducerRecord<>(layout.membership(), node.node(),
                    new TrustedNodes().sign(new MembershipEvent.NodeAnnounced(node, Instant.now())))).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted announcing " + node.node(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not announce " + node.node(), e.getCause());
        }
    }

    /** The topics of this cluster. */
    public TopicLayout layout() {
        return layout;
    }

    /** The topic prefix, as {@code --topic-prefix} takes it. */
    public String prefix() {
        return layout.prefix();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The manager's data directory, where its H2 file is. */
    public Path data() {
        return directory.resolve("data");
    }

    /** The key the manager was preseeded with for seed node {@code node}, for an agent the test starts itself. */
    public NodeKey nodeKey(String node) {
        NodeKey key = nodeKeys.get(node);
        if (key == null) {
            throw new IllegalArgumentException(node + " is not a seed node; its key is not preseeded");
        }
        return key;
    }

    /** The manager's public key file, as {@code ecnode --manager-key} takes it. */
    public Path managerPublicKey() {
        return data().resolve(ManagerKey.PUBLIC_FILE);
    }

    /** Where {@link Builder#withSeedConf()} put the base eccluster.conf. */
    public Path conf() {
        return directory.resolve("conf");
    }

    /** Where {@link Builder#withControlSocket()} puts the control socket. */
    public Path socket() {
        return directory.resolve("ctl");
    }

    private SeedNodes nodes() {
        if (nodes == null) {
            throw new IllegalStateException("the agents of " + layout.prefix() + " are stopped");
        }
        return nodes;
    }

    private void startNodes() {
        // the manager made its key in its data directory on its first start; agents pin the public half, as ops/up does
        nodes = SeedNodes.start(bootstrapServers, layout, ManagerKey.readPublic(managerPublicKey()), nodeKeys);
        // every seed test starts from the three of them alive, as the seed's own cluster does
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager().get("/v1/info").body()).contains("\"alive\":3,"));
    }

    @Override
    public synchronized void close() {
        stopNodes();
        if (standby != null) {
            standby.close();
            standby = null;
        }
        if (ledger != null) {
            ledger.close();
            ledger = null;
        }
        stopManager();
        deleteRecursively(directory);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the cluster directory " + directory, e);
        }
    }

    /** How a {@link Cluster} will run: the manager's settings, and whether the seed's agents join. */
    public static final class Builder {

        private final KafkaBroker.Handle broker;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private boolean nodes = true;
        private boolean seedConf;
        private boolean socketInDirectory;

        Builder(KafkaBroker.Handle broker) {
            this.broker = broker;
        }

        /** A manager alone: no agent announces itself, none answers. */
        public Builder withoutNodes() {
            nodes = false;
            return this;
        }

        /** The manager's base configuration is a copy of {@code ops/conf/eccluster.conf} in {@link Cluster#conf()}. */
        public Builder withSeedConf() {
            seedConf = true;
            return this;
        }

        /** The manager serves its control socket at {@link Cluster#socket()}. */
        public Builder withControlSocket() {
            socketInDirectory = true;
            return this;
        }

        /** The manager serves its control socket at {@code path}, which the test may have prepared. */
        public Builder withControlSocket(Path path) {
            socketInDirectory = false;
            return with("controlListener.enabled", "true").with("controlListener.path", path.toString());
        }

        /**
         * One setting of the manager's YAML, e.g. {@code with("checkpointEvery", "5")}; under
         * {@code kafka.clientProperties.} the rest is one Kafka property name, dots and all.
         */
        public Builder with(String key, String value) {
            settings.put(key, value);
            return this;
        }

        /** Starts the manager, then the agents, and waits until the manager sees all three alive. */
        public Cluster start() {
            Path directory = createDirectory();
            Map<String, String> all = new LinkedHashMap<>(settings);
            // a node other than the seed's is accepted as ops/up accepts its simulated nodes; a test may decide itself
            all.putIfAbsent("nodes.autoAcceptKeys", "true");
            if (seedConf) {
                all.put("ecclusterConf", copySeedConf(directory.resolve("conf")).toString());
            }
            if (socketInDirectory) {
                all.put("controlListener.enabled", "true");
                all.put("controlListener.path", directory.resolve("ctl").toString());
            }
            Cluster cluster = new Cluster(broker.bootstrapServers(), broker.uniqueLayout(), directory, all);
            try {
                cluster.restartManager();
                if (nodes) {
                    cluster.startNodes();
                }
                return cluster;
            } catch (RuntimeException | Error e) {
                cluster.close();
                throw e;
            }
        }

        private static Path createDirectory() {
            try {
                Path directory = Files.createTempDirectory("ecledger-cluster-");
                Files.createDirectory(directory.resolve("data"));
                return directory;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for a test cluster", e);
            }
        }

        private static Path copySeedConf(Path into) {
            try {
                Files.createDirectories(into);
                // eccluster.conf includes webui-common.conf from its own directory
                for (String file : List.of("eccluster.conf", "webui-common.conf")) {
                    Files.copy(SEED_CONF.resolve(file), into.resolve(file));
                }
                return into.resolve("eccluster.conf");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the seed configuration from " + SEED_CONF.toAbsolutePath(), e);
            }
        }
    }
}
