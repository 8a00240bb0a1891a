package io.ecledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.sign.NodeKey;
import io.ecledger.ledger.sign.NodeRecords;
import io.ecledger.ledger.testing.KafkaBroker;
import io.ecledger.ledger.testing.Outsider;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An outsider with a plain Kafka producer writes records whose names break the rule (a node name of 300 characters,
 * signed by a key of their own, and a response in a name of 300 characters): the projection quarantines them with the
 * reason and goes on, the next genuine command is projected and answered, and the as-of views still fold.
 */
@ExtendWith(KafkaBroker.class)
class MisnamedRecordsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LONG = "n".repeat(300);

    @Test
    void anAnnouncementAndAResponseWithA300CharacterNodeNameAreQuarantinedAndTheNextCommandIsAnswered(
            KafkaBroker.Handle broker) throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).start()) {
            ManagerFixture manager = cluster.manager();
            long quarantinedBefore = manager.quarantinedRecords();
            long ledgerEnd = cluster.ledger().endOffset();
            // signed by a key of the attacker's own, then renamed: the name is checked before any key is looked up
            MembershipEvent announced = NodeRecords.sign(new MembershipEvent.NodeAnnounced(
                    new NodeIdentity("mallory", "east", "mallory.example.com", "test"), Instant.now()), NodeKey.generate());
            forge(broker, cluster.layout().membership(), "mallory", Misnamed.announce(announced, LONG));
            NodeResponse answer = new NodeResponse(UUID.randomUUID(), 0, "rh52bare", "east", NodeStatus.OK, "pwned",
                    Instant.now(), Instant.now());
            forge(broker, cluster.layout().responses(), answer.commandId().toString(), Misnamed.response(answer, LONG));

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager.quarantinedRecords()).isEqualTo(quarantinedBefore + 2));
            assertThat(cluster.ledger().endOffset()).as("nothing was appended").isEqualTo(ledgerEnd);
            assertThat(manager.console("show cluster membership").body()).doesNotContain("nnnnnnnn").doesNotContain("mallory");

            assertThat(manager.console("broadcast summary").statusCode()).isEqualTo(200);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager.console("retrieve summary").body())
                    .contains("rh52bare (east): OK", "rh52mgr (east): OK", "rh52bar2 (west): OK").doesNotContain("pwned"));
            long latest = cluster.ledger().endOffset() - 1;
            assertThat(manager.console("retrieve --at " + latest + " summary").body())
                    .as("the as-of fold passes the misnamed records too").contains("rh52bare (east)");
            assertThat(JSON.readTree(manager.admin("/healthcheck").body()).path("projection-lag").path("healthy").asBoolean())
                    .as("the projection did not stop").isTrue();
        }
    }

    /** Writes {@code value} with a plain producer of the attacker's: no ecledger code, no key. */
    private static void forge(KafkaBroker.Handle broker, String topic, String key, byte[] value) throws Exception {
        new Outsider(broker.bootstrapServers()).write(topic, key, value);
    }
}
