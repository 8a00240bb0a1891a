package io.ecledger.ledger.kafka;

import io.ecledger.ledger.testing.KafkaBroker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A fresh set of topics on the shared broker, and a Ledger over them. */
final class LedgerFixture {

    final KafkaBroker.Handle broker;
    final TopicLayout layout;
    final SkippedRecords skipped = new SkippedRecords();

    LedgerFixture(KafkaBroker.Handle broker) {
        this.broker = broker;
        this.layout = new TopicLayout(broker.uniquePrefix().replaceAll("\\.+$", ""));
        new Topics(broker.admin(), layout, TopicSettings.singleBroker()).ensure();
    }

    Ledger ledger() {
        return ledger(Clock.systemUTC());
    }

    Ledger ledger(Clock clock) {
        String servers = broker.bootstrapServers();
        return new Ledger(
                new KafkaProducer<>(ClientProperties.ledgerProducer(servers, "test-ledger")),
                () -> new KafkaConsumer<>(ClientProperties.reader(servers, "test-reader")),
                layout, clock, skipped, Duration.ofSeconds(30));
    }

    /** Writes raw bytes to the ledger topic as any Kafka client could, bypassing the Ledger. */
    void forge(byte[] value) throws Exception {
        Properties props = ClientProperties.ledgerProducer(broker.bootstrapServers(), "forger");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(layout.ledger(), value)).get();
        }
    }

    List<LedgerEntry> replay(Ledger ledger) {
        List<LedgerEntry> entries = new java.util.ArrayList<>();
        ledger.replay(entries::add);
        return entries;
    }
}
