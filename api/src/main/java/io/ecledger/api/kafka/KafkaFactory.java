package io.ecledger.api.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.kafka.TopicSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Map;

/** Where the manager's Kafka is: {@code embedded} (the default, a broker inside the manager) or bootstrap servers. */
public class KafkaFactory {

    /** The value of {@code bootstrapServers} that starts the in-process broker. */
    public static final String EMBEDDED = "embedded";

    @NotBlank
    private String bootstrapServers = EMBEDDED;

    @Min(1)
    @Max(65535)
    private int embeddedPort = 9092;

    @Pattern(regexp = "[A-Za-z0-9._-]{1,200}")
    private String topicPrefix = TopicLayout.DEFAULT_PREFIX;

    @Min(1)
    private short replicationFactor = 1;

    @Min(1)
    private int minInsyncReplicas = 1;

    // checked as it is read: a refused key stops the manager with a message naming it and why
    private KafkaClientOverrides clientProperties = KafkaClientOverrides.none();

    @JsonProperty
    public String getBootstrapServers() {
        return bootstrapServers;
    }

    @JsonProperty
    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @JsonProperty
    public int getEmbeddedPort() {
        return embeddedPort;
    }

    @JsonProperty
    public void setEmbeddedPort(int embeddedPort) {
        this.embeddedPort = embeddedPort;
    }

    @JsonProperty
    public String getTopicPrefix() {
        return topicPrefix;
    }

    @JsonProperty
    public void setTopicPrefix(String topicPrefix) {
        this.topicPrefix = topicPrefix;
    }

    @JsonProperty
    public short getReplicationFactor() {
        return replicationFactor;
    }

    @JsonProperty
    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    @JsonProperty
    public int getMinInsyncReplicas() {
        return minInsyncReplicas;
    }

    @JsonProperty
    public void setMinInsyncReplicas(int minInsyncReplicas) {
        this.minInsyncReplicas = minInsyncReplicas;
    }

    /** Kafka's own client properties (security.protocol, sasl.*, ssl.*, ...) given to every client the manager makes. */
    @JsonProperty
    public Map<String, String> getClientProperties() {
        return clientProperties.properties();
    }

    @JsonProperty
    public void setClientProperties(Map<String, String> clientProperties) {
        this.clientProperties = new KafkaClientOverrides(clientProperties == null ? Map.of() : clientProperties);
    }

    /** {@link #getClientProperties()} as the clients take them. */
    public KafkaClientOverrides clientOverrides() {
        return clientProperties;
    }

    public boolean isEmbedded() {
        return EMBEDDED.equalsIgnoreCase(bootstrapServers);
    }

    public TopicLayout layout() {
        return new TopicLayout(topicPrefix);
    }

    public TopicSettings topicSettings() {
        TopicSettings defaults = TopicSettings.singleBroker();
        return new TopicSettings(replicationFactor, minInsyncReplicas, defaults.responsePartitions(),
                defaults.membershipPartitions());
    }
}
