package io.ecledger.ledger.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.broker.EmbeddedKafka;
import io.ecledger.ledger.chain.ChainVerdict;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.LedgerEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerRestartIT {

    @Test
    void aLedgerOnABrokerRestartedOnTheSameDataKeepsEveryEventAndItsChain(@TempDir Path data) {
        TopicLayout layout = TopicLayout.standard();
        List<LedgerEvent> appended = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.at(data).start()) {
            ensureTopics(kafka, layout);
            try (Ledger ledger = Ledger.open(kafka.bootstrapServers(), layout, new SkippedRecords())) {
                for (int i = 0; i < 100; i++) {
                    appended.add(ledger.appendAsync("alice", Origin.CONSOLE, Events.broadcast("version " + i)).join().event());
                }
            }
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.at(data).start()) {
            ensureTopics(kafka, layout);
            try (Ledger ledger = Ledger.open(kafka.bootstrapServers(), layout, new SkippedRecords())) {
                List<LedgerEvent> replayed = new ArrayList<>();
                ledger.replay(entry -> replayed.add(entry.event()));

                assertThat(replayed).containsExactlyElementsOf(appended);
                assertThat(ledger.append("bob", Origin.REST, Events.broadcast("summary"))).isEqualTo(100);
                assertIntact(ledger.verify(), 101);
            }
        }
    }

    private static void ensureTopics(EmbeddedKafka kafka, TopicLayout layout) {
        try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new Topics(admin, layout, TopicSettings.singleBroker()).ensure();
        }
    }

    private static void assertIntact(ChainVerdict verdict, long events) {
        assertThat(verdict.intact()).as("%s", verdict).isTrue();
        assertThat(verdict.verifiedEvents()).isEqualTo(events);
    }
}
