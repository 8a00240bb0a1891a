package io.ecledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.codec.LedgerHashing;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.Hash;
import io.ecledger.ledger.event.LedgerEvent;
import io.ecledger.ledger.event.Payload;
import io.ecledger.ledger.event.ResultsFlushed;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.Signer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A projection given the manager's key applies only the manager's ledger events, across restarts and rebuilds. */
class ManagerEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final InMemoryTopics topics = new InMemoryTopics();
    private final Jdbi jdbi = Jdbi.create("jdbc:h2:mem:manager-events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
            .installPlugin(new SqlObjectPlugin());
    private final List<Projection> started = new CopyOnWriteArrayList<>();
    private final ManagerKey manager = ManagerKey.generate();
    private Hash last = Hash.ZERO;

    @AfterEach
    void stop() {
        started.forEach(Projection::stop);
    }

    @Test
    void forgeriesCopiesAndOtherKeysAreQuarantinedAndTheManagersNextEventStillApplies() {
        byte[] first = genuine(Events.broadcast("version"));
        byte[] flush = genuine(ResultsFlushed.now());
        topics.write(topics.ledger, first);
        topics.write(topics.ledger, flush);
        topics.ledger(hashed(Events.event(Events.broadcast("shutdown")), last));
        topics.ledger(Events.signedAfter(last, Events.broadcast("restart"), ManagerKey.generate()));
        genuine(Events.broadcast("summary"));

        Projection projection = start();
        assertThat(projection.awaitLedger(6, WAIT)).isTrue();

        assertThat(commands()).containsExactly("version", "summary");
        assertThat(rows("results_flush")).as("the copied flush flushed nothing").isEqualTo(1);
        assertThat(ledgerQuarantine()).containsExactly(
                "2 CommandIssued: does not follow the ledger event at offset 1",
                "3 ResultsFlushed: does not follow the ledger event at offset 1",
                "4 CommandIssued: unsigned",
                "5 CommandIssued: signature does not verify with manager key " + manager.fingerprint());
    }

    @Test
    void aRestartedProjectionGoesOnFromTheStoredTrailAndARebuildEndsWithTheSameRows() {
        genuine(Events.broadcast("version"));
        Projection first = start();
        assertThat(first.awaitLedger(0, WAIT)).isTrue();
        first.stop();

        topics.write(topics.ledger, lastWritten);
        genuine(Events.broadcast("summary"));
        ManagerKey next = ManagerKey.generate();
        genuine(next.rotationToThis());
        topics.ledger(Events.signedAfter(last, Events.broadcast("shutdown"), manager));
        signer = next;
        genuine(Events.broadcast("status"));
        Projection second = start();
        assertThat(second.awaitLedger(5, WAIT)).isTrue();
        assertThat(commands()).containsExactly("version", "summary", "status");
        List<String> quarantined = ledgerQuarantine();
        assertThat(quarantined).containsExactly("1 CommandIssued: does not follow the ledger event at offset 0",
                "4 CommandIssued: signature does not verify with manager key " + next.fingerprint());

        second.rebuild();
        assertThat(commands()).containsExactly("version", "summary", "status");
        assertThat(ledgerQuarantine()).isEqualTo(quarantined);
    }

    @Test
    void viewsMadeBeforeLedgerEventsWereCheckedAreMadeAgainFromOffsetZeroOnce() {
        genuine(Events.broadcast("version"));
        topics.ledger(hashed(Events.event(Events.broadcast("shutdown")), last));
        Projection unchecked = new Projection(jdbi, topics.layout, Clock.systemUTC(), new SkippedRecords(),
                topics::consumer, () -> topics);
        unchecked.start();
        assertThat(unchecked.awaitLedger(1, WAIT)).isTrue();
        unchecked.stop();
        assertThat(commands()).containsExactly("version", "shutdown");

        Projection checked = start();
        assertThat(checked.awaitLedger(1, WAIT)).isTrue();

        assertThat(commands()).containsExactly("version");
        assertThat(ledgerQuarantine()).containsExactly("1 CommandIssued: unsigned");
    }

    @Test
    void unsignedEventsOfAnOldLedgerApplyOnlyBeforeTheFirstSignedOne() {
        LedgerEvent old = hashed(Events.event(Events.broadcast("version")), Hash.ZERO);
        topics.ledger(old);
        last = old.hash();
        genuine(Events.broadcast("summary"));
        topics.ledger(hashed(Events.event(Events.broadcast("shutdown")), last));

        Projection projection = start();
        assertThat(projection.awaitLedger(2, WAIT)).isTrue();

        assertThat(commands()).containsExactly("version", "summary");
        assertThat(ledgerQuarantine()).containsExactly("2 CommandIssued: unsigned");
    }

    private Signer signer = manager;
    private byte[] lastWritten;

    /** Writes {@code payload} as the manager appends it: signed, linked to the last genuine event. */
    private byte[] genuine(Payload payload) {
        LedgerEvent event = Events.signedAfter(last, payload, signer);
        lastWritten = EventCodec.LEDGER.encode(event);
        topics.write(topics.ledger, lastWritten);
        last = event.hash();
        return lastWritten;
    }

    private static LedgerEvent hashed(LedgerEvent event, Hash previous) {
        LedgerEvent draft = new LedgerEvent(event.eventId(), event.occurredAt(), event.actor(), event.origin(), previous,
                Hash.ZERO, event.payload());
        return draft.withHash(LedgerHashing.draftHash(EventCodec.LEDGER.encode(draft)));
    }

    private Projection start() {
        Projection projection = new Projection(jdbi, topics.layout, Clock.systemUTC(), new SkippedRecords(),
                topics::consumer, () -> topics, Optional.of(manager.publicKey()));
        projection.start();
        started.add(projection);
        return projection;
    }

    private List<String> commands() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT command_text FROM issued_command ORDER BY ledger_offset")
                .mapTo(String.class).list());
    }

    private List<String> ledgerQuarantine() {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT record_offset || ' ' || status || ': ' || reason FROM quarantined_record
                        WHERE kind = 'LEDGER' ORDER BY record_offset""")
                .mapTo(String.class).list()).stream()
                .map(line -> line.replaceAll(" \\(prevHash .*\\)$", "")).toList();
    }

    private int rows(String table) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }
}
