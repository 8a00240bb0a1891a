package io.ecledger.ledger.kafka;

import static io.ecledger.ledger.event.Events.T0;
import static io.ecledger.ledger.event.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.event.ResultsFlushed;
import io.ecledger.ledger.testing.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBroker.class)
class EventRoundTripIT {

    @Test
    void everyLedgerEventTypeRoundTripsThroughKafkaByteForByte(KafkaBroker.Handle broker) throws Exception {
        LedgerFixture fixture = new LedgerFixture(broker);
        roundTrip(broker, fixture.layout.ledger(), EventCodec.LEDGER, List.of(
                event(Events.broadcast("version")),
                event(Events.toSubcluster("west", "sieve:sieve1  flush cache")),
                event(Events.unicast("rh52bare", "config get Control_Listener")),
                event(Events.configSet()),
                event(Events.configUnset()),
                event(ResultsFlushed.now())));
    }

    @Test
    void everyNodeResponseStatusRoundTripsThroughKafkaByteForByte(KafkaBroker.Handle broker) throws Exception {
        LedgerFixture fixture = new LedgerFixture(broker);
        roundTrip(broker, fixture.layout.responses(), EventCodec.RESPONSES, Arrays.stream(NodeStatus.values())
                .map(status -> Events.response("rh52mgr", status)).collect(Collectors.toList()));
    }

    @Test
    void everyMembershipEventRoundTripsThroughKafkaByteForByte(KafkaBroker.Handle broker) throws Exception {
        LedgerFixture fixture = new LedgerFixture(broker);
        roundTrip(broker, fixture.layout.membership(), EventCodec.MEMBERSHIP, List.of(
                new MembershipEvent.NodeAnnounced(Events.node("rh52bare", "east"), T0),
                new MembershipEvent.NodeHeartbeat(Events.node("rh52bare", "east"), T0.plusSeconds(5)),
                new MembershipEvent.NodeLeft(Events.node("rh52bare", "east"), T0.plusSeconds(9))));
    }

    /** Sends through the codec's Kafka serializer, reads the raw bytes back, and decodes them with its deserializer. */
    private static <D> void roundTrip(KafkaBroker.Handle broker, String topic, EventCodec<D> codec, List<D> events)
            throws Exception {
        Properties producerProps = ClientProperties.ledgerProducer(broker.bootstrapServers(), "round-trip");
        try (KafkaProducer<String, D> producer = new KafkaProducer<>(producerProps, new StringSerializer(), codec.serializer())) {
            for (D event : events) {
                producer.send(new ProducerRecord<>(topic, 0, "key", event)).get();
            }
        }
        List<byte[]> raw = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(ClientProperties.reader(broker.bootstrapServers(), "round-trip-reader"))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (raw.size() < events.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    raw.add(record.value());
                }
            }
        }
        assertThat(raw).hasSameSizeAs(events);
        for (int i = 0; i < events.size(); i++) {
            assertThat(raw.get(i)).isEqualTo(codec.encode(events.get(i)));
            assertThat(codec.deserializer().deserialize(topic, raw.get(i))).isEqualTo(events.get(i));
        }
    }
}
