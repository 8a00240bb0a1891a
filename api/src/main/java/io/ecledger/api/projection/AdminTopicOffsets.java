package io.ecledger.api.projection;

import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** {@link TopicOffsets} answered by a Kafka {@link Admin} client, closed with it. */
final class AdminTopicOffsets implements TopicOffsets {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;

    AdminTopicOffsets(Admin admin) {
        this.admin = admin;
    }

    /** An Admin client of the brokers at {@code bootstrapServers}, with the operator's {@code overrides}. */
    static AdminTopicOffsets connect(String bootstrapServers, KafkaClientOverrides overrides) {
        return new AdminTopicOffsets(Admin.create(ClientProperties.admin(bootstrapServers, "ecledger-projection-admin",
                overrides)));
    }

    @Override
    public List<TopicPartition> partitions(List<String> topics) {
        try {
            // Topics.ensure() has waited until this broker serves the topics it created
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicPartition> found = new ArrayList<>();
            for (String topic : topics) {
                described.get(topic).partitions().forEach(p -> found.add(new TopicPartition(topic, p.partition())));
            }
            return List.copyOf(found);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot find the topics " + topics + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finding the topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not describe the topics " + topics + " within " + ADMIN_TIMEOUT, e);
        }
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> specs = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        try {
            return admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the end offsets", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not list the end offsets within " + ADMIN_TIMEOUT, e);
        }
    }

    @Override
    public void close() {
        admin.close(CLOSE_TIMEOUT);
    }
}
