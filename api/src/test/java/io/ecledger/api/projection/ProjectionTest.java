package io.ecledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.kafka.SkippedRecord;
import io.ecledger.ledger.kafka.SkippedRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The projection's rules on Kafka's MockConsumer and an in-memory H2: no broker. */
class ProjectionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] GARBAGE = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);

    private final InMemoryTopics topics = new InMemoryTopics();
    private final List<SkippedRecord> skipped = new CopyOnWriteArrayList<>();
    private final Jdbi jdbi = Jdbi.create("jdbc:h2:mem:projection-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
            .installPlugin(new SqlObjectPlugin());
    private final List<Projection> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Projection::stop);
    }

    @Test
    void aRestartedProjectionResumesFromTheStoredOffsetsWithoutReapplying() {
        for (int i = 0; i < 3; i++) {
            topics.ledger(Events.event(Events.broadcast("version " + i)));
        }
        Projection first = start();
        assertThat(first.awaitLedger(2, WAIT)).isTrue();
        first.stop();
        assertThat(storedOffsets()).containsEntry(topics.layout.ledger(), 3L);

        topics.ledger(Events.event(Events.broadcast("version 3")));
        topics.ledger(Events.event(Events.broadcast("version 4")));
        Projection second = start();

        // what the consumer returned, not appliedLedgerOffset() right after start(): its thread may be past 3 by then
        assertThat(second.awaitLedger(4, WAIT)).isTrue();
        assertThat(topics.latest().returned(topics.ledger)).as("resumed from the stored offset, what it was asked for")
                .containsExactly(3L, 4L);
        assertThat(rows("issued_command")).isEqualTo(5);
        assertThat(storedOffsets()).containsEntry(topics.layout.ledger(), 5L);
    }

    @Test
    void denialsAndPolicyLoadsAreProjectedAndARebuildRefillsThemFromTheLedgerAlone() {
        topics.ledger(Events.event(Events.policyLoaded("roles: {}\n")));
        topics.ledger(Events.event(Events.denied("shutdown")));
        Projection projection = start();
        assertThat(projection.awaitLedger(1, WAIT)).isTrue();
        assertThat(rows("denied_command")).isEqualTo(1);
        assertThat(rows("policy_load")).isEqualTo(1);
        // rows the ledger does not hold: a rebuild must drop them, not keep them beside what it refills
        jdbi.useHandle(handle -> {
            handle.execute("INSERT INTO denied_command VALUES (99, CURRENT_TIMESTAMP, 'x', 'REST', 'l', 'r', 'why')");
            handle.execute("INSERT INTO policy_load VALUES (99, CURRENT_TIMESTAMP, 'ab', 't', 's', 'x', 'REST')");
        });

        projection.rebuild();

        assertThat(rows("denied_command")).isEqualTo(1);
        assertThat(rows("policy_load")).isEqualTo(1);
    }

    @Test
    void aTombstoneIsReportedAsSkippedWhereItIsAndNotProjected() {
        topics.write(topics.ledger, null);
        topics.ledger(Events.event(Events.broadcast("version")));
        topics.write(topics.membership, null);
        topics.member(new MembershipEvent.NodeAnnounced(Events.node("rh52bare", "east"), Events.T0));
        Projection projection = start();

        assertThat(projection.awaitCaughtUp(WAIT)).isTrue();
        // no writer of ours sends one, so it is someone else's: reported with where it is, as garbage is
        assertThat(skipped).extracting(SkippedRecord::topic, SkippedRecord::offset, SkippedRecord::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(topics.layout.membership(), 0L,
                                "no value (a tombstone): not a record of ours"),
                        org.assertj.core.groups.Tuple.tuple(topics.layout.ledger(), 0L,
                                "no value (a tombstone): not a record of ours"));
        assertThat(rows("issued_command")).isEqualTo(1);
        assertThat(projection.failure()).isEmpty();
        assertThat(rows("cluster_member")).isEqualTo(1);
        assertThat(storedOffsets()).containsEntry(topics.layout.membership(), 2L);
        assertThat(projection.rebuild().membershipRecords()).as("the tombstone is not a projected record").isEqualTo(1);
    }

    @Test
    void anUndecodableRecordIsReportedAndItsOffsetStillMoves() {
        topics.write(topics.ledger, GARBAGE);
        topics.ledger(Events.event(Events.broadcast("version")));
        Projection projection = start();

        assertThat(projection.awaitLedger(1, WAIT)).isTrue();
        assertThat(skipped).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(topics.layout.ledger());
            assertThat(record.offset()).isZero();
        });
        assertThat(projection.appliedLedgerOffset()).isEqualTo(2);
        assertThat(storedOffsets()).containsEntry(topics.layout.ledger(), 2L);
        assertThat(rows("issued_command")).isEqualTo(1);
        assertThat(projection.failure()).isEmpty();
    }

    @Test
    void thePositionIsStoredNotTheLastRecordsOffsetSoACommitMarkerIsSteppedOver() {
        Projection projection = start();
        await().until(() -> !topics.consumers.isEmpty());
        topics.response(Events.response("rh52bare", NodeStatus.OK));
        topics.response(Events.response("rh52mgr", NodeStatus.OK));
        topics.commitMarker(topics.responses);

        assertThat(projection.awaitResponses(WAIT)).as("the marker at offset 2 counts as consumed").isTrue();
        assertThat(storedOffsets()).containsEntry(topics.layout.responses(), 3L);
        assertThat(rows("node_response")).isEqualTo(2);
        projection.stop();

        Projection restarted = start();
        assertThat(restarted.awaitResponses(WAIT)).isTrue();
        await().until(() -> topics.consumers.size() == 2 && topics.latest().polls() > 0);
        assertThat(topics.latest().returned(topics.responses)).as("nothing to read again").isEmpty();
    }

    @Test
    void theLagIsTheLedgersEndMinusWhatIsApplied() {
        Projection projection = start();
        assertThat(projection.awaitCaughtUp(WAIT)).isTrue();
        topics.writeAll(List.of(InMemoryTopics.record(topics.ledger, 0, ledgerEvent("version 0"))));
        await().until(() -> projection.appliedLedgerOffset() == 1);
        // two more exist (the consumer's end offsets say so) but neither is polled
        topics.latest().schedulePollTask(() -> topics.latest().updateEndOffsets(Map.of(topics.ledger, 3L)));

        await().untilAsserted(() -> assertThat(projection.ledgerLag()).isEqualTo(2));
        assertThat(projection.lastBatchAt()).isPresent();
    }

    @Test
    void theLagCountsTheLedgersEndAlsoWhenTheConsumerHasNotFetchedTheLedgerLately() {
        Projection projection = start();
        assertThat(projection.awaitCaughtUp(WAIT)).isTrue();
        topics.writeAll(List.of(InMemoryTopics.record(topics.ledger, 0, ledgerEvent("version 0"))));
        await().until(() -> projection.appliedLedgerOffset() == 1);
        topics.latest().forgetLag();
        topics.latest().schedulePollTask(() -> topics.latest().updateEndOffsets(Map.of(topics.ledger, 3L)));

        await().untilAsserted(() -> assertThat(projection.ledgerLag()).isEqualTo(2));
    }

    @Test
    void aFailedApplyStopsTheProjectionStoresNothingOfItsBatchAndAnswersAwaitersNo() {
        Projection projection = start();
        assertThat(projection.awaitCaughtUp(WAIT)).isTrue();
        // caught up with empty topics holds before any poll: wait for the first, empty one to store its positions
        await().until(() -> storedOffsets().containsKey(topics.layout.membership()));
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> projection.awaitLedger(0, Duration.ofMinutes(5)));
        // a host name over 255 characters is quarantined now (the name rule): a column narrowed under the projection
        // makes this membership record unwritable instead, and the command in its batch goes with it
        jdbi.useHandle(handle -> {
            handle.execute("ALTER TABLE cluster_member ALTER COLUMN host VARCHAR(8)");
            // unsigned, so it lands in the quarantine
            handle.execute("ALTER TABLE quarantined_record ALTER COLUMN host VARCHAR(8)");
        });
        NodeIdentity tooLong = new NodeIdentity("rh52bare", "east", "rh52bare.example.com", "0.1.0");
        topics.writeAll(List.of(
                InMemoryTopics.record(topics.ledger, 0, ledgerEvent("version")),
                InMemoryTopics.record(topics.membership, 0,
                        EventCodec.MEMBERSHIP.encode(new MembershipEvent.NodeAnnounced(tooLong, Events.T0)))));

        assertThat(waiting).succeedsWithin(WAIT).isEqualTo(false);
        assertThat(projection.failure()).get().asString().contains("Value too long for column");
        await().until(() -> topics.latest().closed());
        assertThat(rows("issued_command")).as("rolled back with the offsets").isZero();
        assertThat(storedOffsets()).as("where the first, empty poll left them")
                .containsEntry(topics.layout.ledger(), 0L).containsEntry(topics.layout.membership(), 0L);
        assertThat(projection.appliedLedgerOffset()).isZero();
        assertThat(projection.awaitLedger(0, WAIT)).isFalse();
        assertThat(new ProjectionLagHealthCheck(projection, 10).execute().getMessage()).startsWith("the projection stopped:");
    }

    @Test
    void aDatabaseClosedUnderTheProjectionIsOpenedAgainAndTheViewsCatchUpWithNothingLostOrTwice(@TempDir Path directory) {
        Jdbi file = ProjectionFixture.h2(directory);
        topics.ledger(Events.event(Events.broadcast("version 0")));
        Projection projection = start(file);
        assertThat(projection.awaitLedger(0, WAIT)).isTrue();

        // what H2 does after a write it could not make (a full disk): it closes the database under every connection,
        // keeping only what it had stored by then
        try {
            file.useHandle(handle -> handle.execute("SHUTDOWN IMMEDIATELY"));
        } catch (JdbiException closedUnderUs) {
            // the connection that shut it down goes with it
        }
        topics.ledger(Events.event(Events.broadcast("version 1")));
        topics.ledger(Events.event(Events.broadcast("version 2")));

        await().atMost(WAIT).until(() -> projection.appliedLedgerOffset() == 3 && projection.stalled().isEmpty());
        assertThat(projection.failure()).isEmpty();
        int issued = file.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM issued_command")
                .mapTo(Integer.class).one());
        assertThat(issued).isEqualTo(3);
        assertThat(new ProjectionLagHealthCheck(projection, 10).execute().isHealthy()).isTrue();
    }

    private Projection start() {
        return start(jdbi);
    }

    private Projection start(Jdbi jdbi) {
        Projection projection = new Projection(jdbi, topics.layout, Clock.systemUTC(), new SkippedRecords(skipped::add),
                topics::consumer, () -> topics);
        projection.start();
        started.add(projection);
        return projection;
    }

    private static byte[] ledgerEvent(String text) {
        return EventCodec.LEDGER.encode(Events.event(Events.broadcast(text)));
    }

    private Map<String, Long> storedOffsets() {
        return jdbi.withExtension(ProjectionDao.class, ProjectionDao::offsets).stream()
                .collect(java.util.stream.Collectors.toMap(ConsumedOffset::topic, ConsumedOffset::nextOffset));
    }

    private int rows(String table) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }
}
