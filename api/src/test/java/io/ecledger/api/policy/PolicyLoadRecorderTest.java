package io.ecledger.api.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.history.HistoryDao;
import io.ecledger.api.history.PolicyRow;
import io.ecledger.api.projection.ProjectionFixture;
import io.ecledger.api.testing.MockLedger;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.PolicyLoaded;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A policy load is on the ledger once per change of the policy's hash, and the projection says which held when. */
class PolicyLoadRecorderTest {

    private static final String FIRST = "roles:\n  viewer: [history]\n";
    private static final String SECOND = "roles:\n  viewer: [history, retrieve]\n";

    private final Jdbi h2 = ProjectionFixture.inMemoryH2();
    private final MockLedger kafka = MockLedger.start(h2, Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
    private final PolicyLoadRecorder policies =
            new PolicyLoadRecorder(kafka.ledger(), kafka.projection(), h2, Duration.ofSeconds(30));

    @AfterEach
    void stop() {
        kafka.close();
    }

    @Test
    void theSameHashTwiceIsAppendedOnceAndANewHashAgain() throws Exception {
        OptionalLong first = policies.recordIfChanged(FIRST, sha256(FIRST), "/etc/ecledger/policy.yml", "root");
        OptionalLong again = policies.recordIfChanged(FIRST, sha256(FIRST), "/etc/ecledger/policy.yml", "root");
        OptionalLong changed = policies.recordIfChanged(SECOND, sha256(SECOND), "/etc/ecledger/policy.yml", "alice",
                Origin.CONSOLE);

        assertThat(first).hasValue(0);
        assertThat(again).isEmpty();
        assertThat(changed).hasValue(1);
        assertThat(kafka.appended()).extracting(LedgerEvent::payload).containsExactly(
                new PolicyLoaded(sha256(FIRST), FIRST, "/etc/ecledger/policy.yml"),
                new PolicyLoaded(sha256(SECOND), SECOND, "/etc/ecledger/policy.yml"));
        assertThat(kafka.appended().get(1).actor()).isEqualTo("alice");
    }

    @Test
    void goingBackToAnEarlierPolicyIsAChangeToo() throws Exception {
        policies.recordIfChanged(FIRST, sha256(FIRST), PolicyLoaded.DEFAULT_SOURCE, "eccmgr");
        policies.recordIfChanged(SECOND, sha256(SECOND), "/etc/ecledger/policy.yml", "eccmgr");
        policies.recordIfChanged(FIRST, sha256(FIRST), PolicyLoaded.DEFAULT_SOURCE, "eccmgr");

        assertThat(kafka.appended()).hasSize(3);
    }

    @Test
    void thePolicyAtAnOffsetIsTheLastLoadAtOrBeforeIt() {
        policies.recordIfChanged(FIRST, sha256(FIRST), PolicyLoaded.DEFAULT_SOURCE, "eccmgr");
        kafka.ledger().append("alice", Origin.CONSOLE, io.ecledger.ledger.event.ResultsFlushed.now());
        policies.recordIfChanged(SECOND, sha256(SECOND), "/etc/ecledger/policy.yml", "alice");
        kafka.projection().awaitLedger(2, Duration.ofSeconds(30));

        assertThat(policyAt(0)).map(PolicyRow::policyText).hasValue(FIRST);
        assertThat(policyAt(1)).map(PolicyRow::sha256).hasValue(sha256(FIRST));
        assertThat(policyAt(2)).map(PolicyRow::policyText).hasValue(SECOND);
        assertThat(policyAt(99)).map(PolicyRow::source).hasValue("/etc/ecledger/policy.yml");
        assertThat(policyAt(2)).map(PolicyRow::actor).hasValue("alice");
    }

    @Test
    void beforeTheFirstLoadNoPolicyIsOnRecord() {
        assertThat(policyAt(5)).isEmpty();
    }

    private Optional<PolicyRow> policyAt(long offset) {
        return h2.withExtension(HistoryDao.class, dao -> dao.policyAt(offset));
    }

    private static String sha256(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Hash.sha256(bytes, 0, bytes.length).hex();
    }
}
