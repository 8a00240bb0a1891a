package io.ecledger.ledger.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Kafka's own client properties an operator adds to every client ecledger makes (security.protocol, sasl.*, ssl.*,
 * timeouts), applied last. Keys whose value the ledger's guarantees rest on are refused, each with the reason.
 */
public record KafkaClientOverrides(Map<String, String> properties) {

    /** The keys an operator may not set, each with why ecledger sets it itself. */
    public static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                    "the brokers are named by the manager's kafka.bootstrapServers or the tool's --kafka"),
            Map.entry(ProducerConfig.ACKS_CONFIG,
                    "an operator action is durable only once every in-sync replica has it (acks=all)"),
            Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    "retries must neither duplicate nor reorder ledger events: the hash chain depends on the order"),
            Map.entry(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                    "each writer's transactional id is fixed by ecledger so that a restarted writer fences its predecessor"),
            Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "records are ecledger's own Avro bytes"),
            Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "records are ecledger's own Avro bytes"),
            Map.entry(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "records are ecledger's own Avro bytes"),
            Map.entry(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "records are ecledger's own Avro bytes"),
            Map.entry(ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "readers must never see a ledger event or node response of an aborted transaction (read_committed)"),
            Map.entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                    "a node's ledger offset is committed in the transaction of its response, never automatically"),
            Map.entry(ConsumerConfig.GROUP_ID_CONFIG,
                    "each node's group holds the offsets committed with its responses; ecledger names it"),
            Map.entry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "a reader with no committed offset must start at the first ledger event, not skip to the end"));

    private static final KafkaClientOverrides NONE = new KafkaClientOverrides(Map.of());

    /** Checks every key: a refused or blank one is an {@link IllegalArgumentException} naming it and the reason. */
    public KafkaClientOverrides {
        for (Map.Entry<String, String> property : properties.entrySet()) {
            String key = property.getKey();
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("a Kafka client property needs a name");
            }
            String why = REFUSED.get(key.trim());
            if (why != null) {
                throw new IllegalArgumentException("Kafka client property " + key + " cannot be overridden: " + why);
            }
            if (property.getValue() == null) {
                throw new IllegalArgumentException("Kafka client property " + key + " needs a value");
            }
        }
        properties = Map.copyOf(properties);
    }

    /** No overrides: Kafka's defaults and ecledger's own settings only. */
    public static KafkaClientOverrides none() {
        return NONE;
    }

    /**
     * The properties in {@code file}, in Java properties format as Kafka's own tools take them
     * ({@code --command-config}); a missing or unreadable file or a refused key is an
     * {@link IllegalArgumentException} saying which.
     */
    public static KafkaClientOverrides read(Path file) {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            loaded.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file, e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("permission denied: " + file, e);
        } catch (IOException | IllegalArgumentException e) {
            // Properties.load throws IllegalArgumentException on a malformed unicode escape
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> properties = new TreeMap<>();
        loaded.stringPropertyNames().forEach(name -> properties.put(name, loaded.getProperty(name)));
        try {
            return new KafkaClientOverrides(properties);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes every override into {@code props}, over what is there, and returns it. */
    public Properties applyTo(Properties props) {
        props.putAll(properties);
        return props;
    }
}
