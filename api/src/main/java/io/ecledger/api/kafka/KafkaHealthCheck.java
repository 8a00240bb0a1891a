package io.ecledger.api.kafka;

import com.codahale.metrics.health.HealthCheck;
import java.util.concurrent.TimeUnit;

/** Healthy when the Kafka cluster answers a describe-cluster within a few seconds. */
public final class KafkaHealthCheck extends HealthCheck {

    private final KafkaConnection kafka;

    public KafkaHealthCheck(KafkaConnection kafka) {
        this.kafka = kafka;
    }

    @Override
    protected Result check() throws Exception {
        if (kafka.admin() == null) {
            return Result.unhealthy("not started");
        }
        int nodes = kafka.admin().describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        return Result.healthy("%d broker(s) at %s", nodes, kafka.bootstrapServers());
    }
}
