package io.ecledger.ledger.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the cluster's topics when missing, and refuses an existing ledger topic that would break the ledger's guarantees. */
public final class Topics {

    private static final Logger LOG = LoggerFactory.getLogger(Topics.class);

    private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
    private static final String LOG_APPEND_TIME = "LogAppendTime";

    private final Admin admin;
    private final TopicLayout layout;
    // whether ensure() found the membership topic stamped by the broker or made it so; null before ensure()
    private Boolean membershipStamped;
    private final TopicSettings settings;

    public Topics(Admin admin, TopicLayout layout, TopicSettings settings) {
        this.admin = admin;
        this.layout = layout;
        this.settings = settings;
    }

    /** Creates what is missing (safe to call any number of times), then checks the ledger topic. */
    public void ensure() {
        try {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (NewTopic topic : wanted()) {
                if (!existing.contains(topic.name())) {
                    missing.add(topic);
                }
            }
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                    LOG.info("created topic {} with {} partition(s)", topic.name(), topic.numPartitions());
                } catch (ExecutionException e) {
                    // another manager or agent created it between our list and create
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitVisible();
            checkLedger();
            stampMembershipByBroker();
        } catch (ExecutionException e) {
            throw new LedgerUnavailableException("cannot create or inspect the topics with prefix " + layout.prefix()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while creating topics", e);
        }
    }

    private Collection<NewTopic> wanted() {
        String minIsr = String.valueOf(settings.minInsyncReplicas());
        return List.of(
                new NewTopic(layout.ledger(), 1, settings.replicationFactor()).configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, "-1",
                        TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr)),
                new NewTopic(layout.responses(), settings.responsePartitions(), settings.replicationFactor()).configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, "-1",
                        TopicConfig.RETENTION_BYTES_CONFIG, "-1",
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr)),
                new NewTopic(layout.membership(), settings.membershipPartitions(), settings.replicationFactor()).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        // the broker stamps what agents say: their acks set their clocks (BrokerClock)
                        TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, LOG_APPEND_TIME,
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minIsr)));
    }

    /**
     * Returns once this broker serves metadata and configs of every topic: right after a create,
     * the controller knows a topic before the broker answering us does.
     */
    private void awaitVisible() throws ExecutionException, InterruptedException {
        List<String> names = List.of(layout.ledger(), layout.responses(), layout.membership());
        ConfigResource ledger = new ConfigResource(ConfigResource.Type.TOPIC, layout.ledger());
        long deadline = System.nanoTime() + VISIBILITY_TIMEOUT.toNanos();
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get();
                admin.describeConfigs(List.of(ledger)).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.debug("topics {} not visible yet: {}", names, e.getCause().getMessage());
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    /**
     * Whether the broker stamps the membership topic's records ({@code message.timestamp.type=LogAppendTime}), so a
     * node agent can set its clock to the broker's from the acknowledgements of its own sends: as {@link #ensure()}
     * found or made it, without asking again; before that, as the broker says.
     */
    public boolean membershipStampedByBroker() {
        if (membershipStamped != null) {
            // ensure() found it so, or made it so
            return membershipStamped;
        }
        try {
            return LOG_APPEND_TIME.equals(membershipTimestampType());
        } catch (ExecutionException e) {
            // e.g. no DescribeConfigs on it under ACLs: then nobody may count on the broker's stamps
            LOG.warn("cannot read message.timestamp.type of topic {}: {}", layout.membership(), e.getCause().getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while reading the topic configuration", e);
        }
    }

    private String membershipTimestampType() throws ExecutionException, InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, layout.membership());
        return admin.describeConfigs(List.of(resource)).all().get().get(resource)
                .get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value();
    }

    /**
     * Sets a membership topic made before agents measured their clocks (stamped {@code CreateTime}) to be stamped by
     * the broker. A client not allowed to alter it leaves it so, with a WARN: agents then judge on their own clocks.
     */
    private void stampMembershipByBroker() throws InterruptedException {
        String type = "unknown";
        try {
            type = membershipTimestampType();
            if (LOG_APPEND_TIME.equals(type)) {
                membershipStamped = true;
                return;
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, layout.membership());
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, LOG_APPEND_TIME), AlterConfigOp.OpType.SET))))
                    .all().get();
            membershipStamped = true;
            LOG.info("topic {} set to message.timestamp.type={} (was {}): node agents set their clocks to the broker's",
                    layout.membership(), LOG_APPEND_TIME, type);
        } catch (ExecutionException e) {
            membershipStamped = false;
            LOG.warn("topic {} stays message.timestamp.type={}: {}; node agents judge deadlines on their own clocks."
                    + " Set it with kafka-configs --alter --entity-type topics --entity-name {} --add-config"
                    + " message.timestamp.type={}", layout.membership(), type, e.getCause().getMessage(),
                    layout.membership(), LOG_APPEND_TIME);
        }
    }

    private void checkLedger() throws ExecutionException, InterruptedException {
        String topic = layout.ledger();
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        int partitions = description.partitions().size();
        if (partitions != 1) {
            throw new TopicLayoutException(topic, "topic " + topic + " has " + partitions + " partitions; the ledger needs"
                    + " exactly 1 so that every node applies commands in one order. Use another topic prefix, or"
                    + " delete and recreate " + topic + " with 1 partition");
        }
        int replicas = description.partitions().get(0).replicas().size();
        if (replicas < settings.replicationFactor()) {
            // a ledger on fewer brokers than asked for loses acknowledged commands when one of them dies
            throw new TopicLayoutException(topic, "topic " + topic + " has " + replicas + " replica(s); replication factor "
                    + settings.replicationFactor() + " was asked for. Add replicas with kafka-reassign-partitions, or"
                    + " lower kafka.replicationFactor if this cluster really has fewer brokers");
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        String retentionMs = config.get(TopicConfig.RETENTION_MS_CONFIG).value();
        String retentionBytes = config.get(TopicConfig.RETENTION_BYTES_CONFIG).value();
        String cleanup = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!"-1".equals(retentionMs) || !"-1".equals(retentionBytes)) {
            throw new TopicLayoutException(topic, "topic " + topic + " has a finite retention (retention.ms=" + retentionMs
                    + ", retention.bytes=" + retentionBytes + "); the ledger must be kept forever. Set both to -1,"
                    + " e.g. kafka-configs --alter --entity-type topics --entity-name " + topic
                    + " --add-config retention.ms=-1,retention.bytes=-1");
        }
        if (!TopicConfig.CLEANUP_POLICY_DELETE.equals(cleanup)) {
            throw new TopicLayoutException(topic, "topic " + topic + " has cleanup.policy=" + cleanup
                    + "; the ledger must not be compacted (it would drop history). Set cleanup.policy=delete"
                    + " with retention.ms=-1");
        }
    }
}
