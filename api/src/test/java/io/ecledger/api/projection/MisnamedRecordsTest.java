package io.ecledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.kafka.SkippedRecord;
import io.ecledger.ledger.kafka.SkippedRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A record whose names break the rule is quarantined, counted and listed; the projection goes on past it. */
class MisnamedRecordsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LONG = "n".repeat(300);

    private final InMemoryTopics topics = new InMemoryTopics();
    private final List<SkippedRecord> skipped = new CopyOnWriteArrayList<>();
    private final Jdbi jdbi = Jdbi.create("jdbc:h2:mem:projection-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
            .installPlugin(new SqlObjectPlugin());
    private Projection projection;

    @AfterEach
    void stop() {
        projection.stop();
    }

    @Test
    void aNodeHostActorOrResponseNameOver255CharactersIsQuarantinedAndTheNextRecordsAreProjected() {
        MembershipEvent.NodeAnnounced genuine = new MembershipEvent.NodeAnnounced(Events.node("rh52bare", "east"), Events.T0);
        topics.write(topics.membership, Misnamed.announce(genuine, LONG));
        topics.write(topics.membership, Misnamed.announceFromHost(genuine, "h".repeat(256)));
        topics.write(topics.responses, Misnamed.response(Events.response("rh52bare", NodeStatus.OK), "evil\nnode"));
        topics.write(topics.ledger, Misnamed.ledger(Events.event(Events.broadcast("shutdown")), "a".repeat(256)));
        topics.ledger(Events.event(Events.broadcast("version")));
        topics.member(genuine);
        projection = start();

        assertThat(projection.awaitCaughtUp(WAIT)).isTrue();
        assertThat(projection.failure()).isEmpty();
        assertThat(texts()).as("the genuine command after the misnamed one").containsExactly("version");
        assertThat(hosts()).as("the genuine announcement, not the misnamed ones").containsExactly("rh52bare.example.com");
        List<QuarantinedRow> misnamed = jdbi.withExtension(NodeKeyDao.class, NodeKeyDao::misnamed);
        assertThat(misnamed).extracting(QuarantinedRow::kind, QuarantinedRow::node, QuarantinedRow::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("LEDGER", null, "MISNAMED"),
                org.assertj.core.groups.Tuple.tuple("MEMBERSHIP", null, "MISNAMED"),
                org.assertj.core.groups.Tuple.tuple("MEMBERSHIP", null, "MISNAMED"),
                org.assertj.core.groups.Tuple.tuple("RESPONSE", null, "MISNAMED"));
        assertThat(misnamed).extracting(QuarantinedRow::reason).containsExactly(
                "invalid LedgerEvent: actor name '" + "a".repeat(64) + "... (256 characters)' is not valid: at most 255 "
                        + "characters of letters, digits, '.', '_', '-', '@', ':', '+', '[' or ']'",
                "invalid MembershipEvent: node name '" + "n".repeat(64) + "... (300 characters)' is not valid: use letters, "
                        + "digits, '.', '_' or '-' (starting with a letter or digit, at most 63 characters)",
                "invalid MembershipEvent: host name '" + "h".repeat(64) + "... (256 characters)' is not valid: at most 255 "
                        + "characters of letters, digits, '.', '_', '-', '@', ':', '+', '[' or ']'",
                "invalid NodeResponse: node name 'evil?node' is not valid: use letters, digits, '.', '_' or '-' "
                        + "(starting with a letter or digit, at most 63 characters)");
        assertThat(jdbi.withExtension(NodeKeyDao.class, NodeKeyDao::quarantinedCount)).isEqualTo(4);
        assertThat(skipped).as("quarantined, not skipped as garbage").isEmpty();
    }

    @Test
    void aRebuildQuarantinesTheSameRecordsAgainAndEndsInTheSameRows() {
        MembershipEvent.NodeAnnounced genuine = new MembershipEvent.NodeAnnounced(Events.node("rh52bare", "east"), Events.T0);
        topics.write(topics.membership, Misnamed.announce(genuine, LONG));
        topics.ledger(Events.event(Events.broadcast("version")));
        projection = start();
        assertThat(projection.awaitCaughtUp(WAIT)).isTrue();

        projection.rebuild();

        assertThat(texts()).containsExactly("version");
        assertThat(jdbi.withExtension(NodeKeyDao.class, NodeKeyDao::misnamed)).hasSize(1);
    }

    private Projection start() {
        Projection started = new Projection(jdbi, topics.layout, Clock.systemUTC(), new SkippedRecords(skipped::add),
                topics::consumer, () -> topics);
        started.start();
        return started;
    }

    private List<String> texts() {
        return jdbi.withHandle(h -> h.createQuery("SELECT command_text FROM issued_command ORDER BY ledger_offset")
                .mapTo(String.class).list());
    }

    private List<String> hosts() {
        return jdbi.withHandle(h -> h.createQuery("SELECT host FROM cluster_member").mapTo(String.class).list());
    }
}
