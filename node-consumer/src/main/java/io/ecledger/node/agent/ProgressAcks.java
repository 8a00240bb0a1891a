package io.ecledger.node.agent;

import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a node's words of progress (DELIVERED, RUNNING) on the responses topic, each at most once per command,
 * without waiting: they only say how far a node got, its answer is what counts. Its producer is made on the first
 * word, so an agent whose commands are all quick never has one (a thousand agents, a thousand fewer clients).
 * Not thread-safe.
 */
final class ProgressAcks {

    // the agent's own logger: operators filter its lines by that name
    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    private static final int REMEMBERED = 10_000;

    private final Supplier<Producer<String, NodeResponse>> make;
    private final String topic;
    private Producer<String, NodeResponse> producer;
    private final Map<UUID, NodeStatus> said = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, NodeStatus> eldest) {
            return size() > REMEMBERED;
        }
    };

    ProgressAcks(Supplier<Producer<String, NodeResponse>> make, String topic) {
        this.make = Objects.requireNonNull(make, "make");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    /** Closes the producer, if a word was ever said, waiting up to {@code wait} for what is unsent. */
    void close(Duration wait) {
        if (producer != null) {
            producer.close(wait);
        }
    }

    /** Says {@code progress}, unless this command got as far already. */
    void say(NodeResponse progress) {
        if (progress.status().isAnswer()) {
            throw new IllegalArgumentException("an answer goes in a transaction, not here: " + progress.status());
        }
        NodeStatus before = said.get(progress.commandId());
        if (before == progress.status() || before == NodeStatus.RUNNING) {
            return;
        }
        said.put(progress.commandId(), progress.status());
        if (producer == null) {
            producer = make.get();
        }
        producer.send(new ProducerRecord<>(topic, progress.commandId().toString(), progress), (metadata, error) -> {
            if (error != null) {
                LOG.warn("progress {} of commandId={} node={} not published: {}", progress.status(),
                        progress.commandId(), progress.node(), error.toString());
            }
        });
    }
}
