package io.ecledger.ledger.broker;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.ecledger.ledger.testing.KafkaBroker;
import io.ecledger.ledger.testing.TestClients;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(KafkaBroker.class)
class SharedBrokerIT {

    @Test
    void aCreatedTopicCarriesProducedRecordsToAConsumerInOrder(KafkaBroker.Handle kafka) throws Exception {
        String topic = kafka.uniquePrefix() + "records";
        kafka.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        List<String> sent = IntStream.range(0, 5).mapToObj(i -> "record-" + i).toList();

        TestClients.produce(kafka.bootstrapServers(), topic, sent);

        assertThat(TestClients.consumeValues(kafka.bootstrapServers(), topic, sent.size())).isEqualTo(sent);
    }

    @Test
    void everyTestGetsAPrefixNoOtherTestHas(KafkaBroker.Handle kafka) {
        assertThat(kafka.uniquePrefix()).isNotEqualTo(kafka.uniquePrefix()).matches("[A-Za-z0-9._-]+");
    }
}
