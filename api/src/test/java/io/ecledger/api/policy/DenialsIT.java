package io.ecledger.api.policy;

import io.ecledger.api.access.Caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.ManagerFixture;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.CommandDenied;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.PolicyLoaded;
import io.ecledger.ledger.event.Seal;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.testing.KafkaBroker;
import io.ecledger.ledger.testing.Outsider;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Denials and policy loads on a real broker: appended by the manager's key as the manager appends them, shown by
 * {@code history --status denied} and {@code history show}, kept through a rebuild; a CommandDenied from a plain
 * producer is quarantined, never listed as a denial.
 */
@ExtendWith(KafkaBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DenialsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY = "roles:\n  viewer: [history, retrieve]\n";
    private static final String RULE = "viewer: history, retrieve, membership, info, version, help";

    private KafkaBroker.Handle broker;
    private Cluster cluster;
    private ManagerFixture manager;
    private long deniedOffset;
    private long policyOffset;

    @BeforeAll
    void denyAShutdownAndLoadAPolicy(KafkaBroker.Handle broker) throws Exception {
        this.broker = broker;
        cluster = SeededCluster.fresh(broker).start();
        manager = cluster.manager();
        try (Ledger ledger = Ledger.open(broker.bootstrapServers(), cluster.layout(), new SkippedRecords(),
                ManagerKey.load(cluster.data()))) {
            policyOffset = ledger.append("eccmgr", Origin.SYSTEM,
                    new PolicyLoaded(sha256(POLICY), POLICY, "/etc/ecledger/policy.yml"));
            new LedgerDenialSink(ledger, Clock.systemUTC(), 10, 10).denied(
                    new Caller("mallory", Origin.REST, Set.of("viewer")), "shutdown", RULE, "not allowed: shutdown");
        }
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(json("/v1/history?status=denied").get("total").asLong()).isEqualTo(1));
        deniedOffset = json("/v1/history?status=denied").get("denied").get(0).get("offset").asLong();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    @Test
    void historyStatusDeniedListsTheDenialWithItsRule() throws Exception {
        String listing = manager.console("history --status denied").body();

        assertThat(listing).contains("history: 1 command(s), page 1 of 1")
                .containsPattern(deniedOffset + " \\S+ mallory rest DENIED by rule " + RULE + ": shutdown\n")
                .contains("    not allowed: shutdown");
        JsonNode denied = json("/v1/history?status=denied").get("denied").get(0);
        assertThat(denied.get("actor").asText()).isEqualTo("mallory");
        assertThat(denied.get("origin").asText()).isEqualTo("rest");
        assertThat(denied.get("line").asText()).isEqualTo("shutdown");
        assertThat(denied.get("rule").asText()).isEqualTo(RULE);
    }

    @Test
    void aDenialIsNotListedAsAnIssuedCommandAndFiltersApplyToIt() throws Exception {
        assertThat(manager.console("history").body()).doesNotContain("DENIED").doesNotContain("shutdown");
        assertThat(manager.console("history --status denied --actor alice").body()).isEqualTo("history: no command matches\n");
        assertThat(manager.console("history --status denied --text shut").body()).contains("DENIED by rule");
        assertThat(manager.console("history --status denied --node rh52bare").body())
                .contains("--status denied: a denied command has no target");
    }

    @Test
    void historyShowRendersTheDenialAndThePolicyLoad() throws Exception {
        assertThat(manager.console("history show " + deniedOffset).body())
                .startsWith("offset " + deniedOffset + ": denied\n")
                .contains("actor: mallory\n", "origin: rest\n", "line: shutdown\n", "denied by rule: " + RULE + "\n",
                        "answer: not allowed: shutdown\n", "never run\n");
        assertThat(manager.console("history show " + policyOffset).body())
                .startsWith("offset " + policyOffset + ": policy\n")
                .contains("actor: eccmgr\n", "source: /etc/ecledger/policy.yml\n", "sha256: " + sha256(POLICY) + "\n",
                        "policy:\n    roles:\n      viewer: [history, retrieve]\n");
        JsonNode shown = json("/v1/history/" + policyOffset);
        assertThat(shown.get("kind").asText()).isEqualTo("policy");
        assertThat(shown.get("policy").get("text").asText()).isEqualTo(POLICY);
    }

    @Test
    void aCommandDeniedFromAPlainProducerIsQuarantinedAndNeverListed() throws Exception {
        long quarantined = manager.quarantinedRecords();
        Outsider mallory = new Outsider(broker.bootstrapServers());
        Hash latest = EventCodec.LEDGER.decode(mallory.read(cluster.layout().ledger(), deniedOffset)).hash();
        LedgerEvent draft = new LedgerEvent(UUID.randomUUID(), Instant.now(), "alice", Origin.CONSOLE, latest, Hash.ZERO,
                new CommandDenied("broadcast version", "framed", "framed alice"), Seal.NONE);
        long forged = mallory.write(cluster.layout().ledger(), (byte[]) null,
                EventCodec.LEDGER.encode(draft.withHash(LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft)))));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(manager.console("history show " + forged).body())
                .startsWith("offset " + forged + ": not from the manager: ").contains("unsigned"));
        assertThat(manager.quarantinedRecords()).isGreaterThan(quarantined);
        assertThat(manager.console("history --status denied").body()).doesNotContain("framed").contains("mallory");
        assertThat(json("/v1/history?status=denied").get("total").asLong()).isEqualTo(1);
    }

    @Test
    void aRebuildKeepsDenialsAndPolicyLoadsAndTheAsOfViewsReadPastThem() throws Exception {
        assertThat(manager.adminPost("/tasks/rebuild").statusCode()).isEqualTo(200);

        assertThat(manager.console("history --status denied").body()).contains("DENIED by rule " + RULE + ": shutdown");
        assertThat(manager.console("history show " + policyOffset).body()).contains("sha256: " + sha256(POLICY));
        assertThat(manager.console("show cluster membership --at " + deniedOffset).statusCode()).isEqualTo(200);
        assertThat(manager.console("show cluster membership --at " + deniedOffset).body()).doesNotContain("error");
    }

    private JsonNode json(String path) throws Exception {
        return JSON.readTree(manager.get(path).body());
    }

    private static String sha256(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Hash.sha256(bytes, 0, bytes.length).hex();
    }
}
