package io.ecledger.api.projection;

import static io.ecledger.api.projection.ProjectionFixture.BEFORE;
import static io.ecledger.api.projection.ProjectionFixture.WAIT;
import static io.ecledger.api.projection.ProjectionFixture.caughtUp;
import static io.ecledger.api.projection.ProjectionFixture.node;
import static io.ecledger.api.projection.ProjectionFixture.rowCounts;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.membership.Member;
import io.ecledger.api.membership.Membership;
import io.ecledger.api.projection.ProjectionFixture.Issued;
import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.NodeResult.State;
import io.ecledger.api.retrieve.Results;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.MembershipEvent;
import io.ecledger.ledger.kafka.SkippedRecord;
import io.ecledger.ledger.testing.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBroker.class)
class ProjectionIT {

    private static final Target BROADCAST = new Target.Broadcast();
    private static final Duration ALIVE = Duration.ofSeconds(30);

    private ProjectionFixture fixture;

    @BeforeEach
    void topics(KafkaBroker.Handle broker) {
        fixture = new ProjectionFixture(broker);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** Two flush epochs, all targets, answers, an unexpected and a duplicate answer, members, one departure. */
    private List<Issued> history() throws Exception {
        fixture.announce(node("east1", "east"), node("east2", "east"), node("west1", "west"));
        List<Issued> issued = new ArrayList<>();
        Issued old = fixture.issue(BROADCAST, "version", "east1", "east2", "west1");
        fixture.respond(old, "east1", "east", "4.2.0");
        issued.add(old);
        fixture.flush();
        Issued version = fixture.issue(BROADCAST, "version", "east1", "east2", "west1");
        Issued summary = fixture.issue(new Target.Subcluster("west"), "summary", "west1");
        Issued unicast = fixture.issue(new Target.Unicast("east2"), "version", "east2");
        fixture.respond(version, "east1", "east", "4.2.1");
        fixture.respond(version, "east1", "east", "4.2.1 again");
        fixture.respond(version, "west9", "west", "not expected");
        fixture.respond(summary, "west1", "west", "west summary");
        fixture.respond(unicast, "east2", "east", "east2 alone");
        fixture.member(new MembershipEvent.NodeLeft(node("east2", "east"), BEFORE.plusSeconds(5)));
        issued.addAll(List.of(version, summary, unicast));
        return issued;
    }

    /** Everything the views answer about {@code issued}: each scope's retrieve, each command, the members. */
    private static List<Object> answers(Jdbi jdbi, List<Issued> issued) {
        Results results = new Results(jdbi);
        List<Object> answers = new ArrayList<>();
        for (Target scope : List.of(BROADCAST, new Target.Subcluster("east"), new Target.Subcluster("west"),
                new Target.Unicast("east1"), new Target.Unicast("east2"), new Target.Unicast("west1"))) {
            for (String text : List.of("version", "summary")) {
                answers.add(results.retrieve(scope, text, BEFORE));
            }
        }
        issued.forEach(command -> answers.add(results.command(command.id(), BEFORE)));
        answers.add(results.commandTexts());
        answers.add(new Membership(jdbi, ALIVE).members(BEFORE.plusSeconds(10)));
        return answers;
    }

    @Test
    void garbageOnEveryTopicIsSkippedAndCountedAndTheRecordsAfterItAreApplied(@TempDir Path h2) throws Exception {
        List<SkippedRecord> reported = new ArrayList<>();
        Jdbi jdbi = ProjectionFixture.h2(h2);
        Projection projection = fixture.start(jdbi);

        fixture.garbage(fixture.layout.ledger());
        fixture.garbage(fixture.layout.responses());
        fixture.garbage(fixture.layout.membership());
        fixture.announce(node("east1", "east"));
        Issued version = fixture.issue(BROADCAST, "version", "east1");
        fixture.respond(version, "east1", "east", "4.2.1");
        caughtUp(projection);

        assertThat(fixture.skipped.count()).isEqualTo(3);
        assertThat(projection.failure()).isEmpty();
        assertThat(projection.appliedLedgerOffset()).as("the garbage record counts as applied").isEqualTo(version.offset() + 1);
        assertThat(version.offset()).isEqualTo(1);
        assertThat(new Results(jdbi).retrieve(BROADCAST, "version", BEFORE).orElseThrow().nodes())
                .singleElement().satisfies(line -> assertThat(line.state()).isEqualTo(State.ANSWERED));
        assertThat(new Membership(jdbi, ALIVE).members(BEFORE)).extracting(Member::node).containsExactly("east1");
    }

    @Test
    void aRestartedProjectionResumesWhereItStoppedWithoutApplyingAnythingTwice(@TempDir Path h2) throws Exception {
        Jdbi jdbi = ProjectionFixture.h2(h2);
        Projection first = fixture.start(jdbi);
        List<Issued> issued = history();
        fixture.garbage(fixture.layout.ledger());
        caughtUp(first);
        first.stop();
        Map<String, Integer> counts = rowCounts(jdbi);
        List<Object> answers = answers(jdbi, issued);
        long applied = first.appliedLedgerOffset();

        Projection second = fixture.start(jdbi);
        caughtUp(second);

        assertThat(second.appliedLedgerOffset()).isEqualTo(applied);
        assertThat(fixture.skipped.count()).as("the garbage was not read again").isEqualTo(1);
        assertThat(second.failure()).isEmpty();
        assertThat(rowCounts(jdbi)).isEqualTo(counts);
        assertThat(answers(jdbi, issued)).isEqualTo(answers);

        Issued later = fixture.issue(BROADCAST, "summary", "east1");
        assertThat(second.awaitLedger(later.offset(), WAIT)).isTrue();
        assertThat(rowCounts(jdbi).get("issued_command")).isEqualTo(counts.get("issued_command") + 1);
        assertThat(second.appliedLedgerOffset()).isEqualTo(later.offset() + 1);
        assertThat(second.ledgerLag()).isZero();
    }

    @Test
    void aProjectionIntoAnEmptyDatabaseGivesTheSameAnswersAsTheLiveOne(@TempDir Path live, @TempDir Path empty)
            throws Exception {
        Jdbi liveDb = ProjectionFixture.h2(live);
        Projection projection = fixture.start(liveDb);
        List<Issued> issued = history();
        caughtUp(projection);

        Jdbi rebuiltDb = ProjectionFixture.h2(empty);
        caughtUp(fixture.start(rebuiltDb));

        List<Object> answers = answers(liveDb, issued);
        assertThat(answers(rebuiltDb, issued)).isEqualTo(answers);
        assertThat(rowCounts(rebuiltDb)).isEqualTo(rowCounts(liveDb));
        assertThat(answers).as("most scopes show a command")
                .filteredOn(answer -> answer instanceof Optional<?> shown && shown.isPresent()).hasSizeGreaterThan(10);
        CommandResults version = new Results(liveDb).retrieve(BROADCAST, "version", BEFORE).orElseThrow();
        assertThat(version.commandId()).isEqualTo(issued.get(1).id());
        assertThat(version.nodes()).extracting(line -> line.node() + ":" + line.state() + ":" + line.output().orElse(""))
                .containsExactly("east1:ANSWERED:4.2.1", "east2:PENDING:", "west1:PENDING:", "west9:ANSWERED:not expected");
    }

    /** A projection caught up with {@link #history()}, and what it answered then. */
    private record Projected(Projection projection, List<Issued> issued, List<Object> answers,
            Map<String, Integer> counts, long end) {

        /** Fails unless {@code now} stands where this one stood and {@code jdbi} answers what it did. */
        void sameIn(Projection now, Jdbi jdbi) {
            assertThat(now.failure()).isEmpty();
            assertThat(now.appliedLedgerOffset()).isEqualTo(end);
            assertThat(rowCounts(jdbi)).isEqualTo(counts);
            assertThat(ProjectionIT.answers(jdbi, issued)).isEqualTo(answers);
        }
    }

    private Projected projectedHistory(Jdbi jdbi) throws Exception {
        Projection projection = fixture.start(jdbi);
        List<Issued> issued = history();
        caughtUp(projection);
        return new Projected(projection, issued, answers(jdbi, issued), rowCounts(jdbi), projection.appliedLedgerOffset());
    }

    @Test
    void rebuildDropsTheViewAndConsumesAgainToTheSameAnswers(@TempDir Path h2) throws Exception {
        Jdbi jdbi = ProjectionFixture.h2(h2);
        Projected before = projectedHistory(jdbi);
        Projection projection = before.projection();

        projection.rebuild();

        before.sameIn(projection, jdbi);
        Issued after = fixture.issue(BROADCAST, "summary", "east1");
        assertThat(projection.awaitLedger(after.offset(), WAIT)).as("still consuming after a rebuild").isTrue();
    }

    @Test
    void aProjectionStoppedWhileARebuildEmptiedItEmptiesItAgainAndRebuildsToTheSameAnswers(@TempDir Path h2)
            throws Exception {
        Jdbi jdbi = ProjectionFixture.h2(h2);
        Projected before = projectedHistory(jdbi);
        before.projection().stop();
        // a rebuild that stopped after its first TRUNCATE: issued_command empty, expected_node and the rest still full,
        // and a row no ledger event made, which only emptying every table again takes out
        jdbi.useExtension(ProjectionDao.class, ProjectionDao::beginClear);
        jdbi.useHandle(handle -> {
            handle.execute("TRUNCATE TABLE issued_command");
            handle.execute("INSERT INTO denied_command VALUES (99, CURRENT_TIMESTAMP, 'x', 'REST', 'l', 'r', 'why')");
        });

        Projection second = fixture.start(jdbi);
        caughtUp(second);

        before.sameIn(second, jdbi);
        int denials = jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM denied_command")
                .mapTo(Integer.class).one());
        assertThat(denials).as("the row no ledger event made").isZero();
        assertThat(jdbi.withExtension(ProjectionDao.class, ProjectionDao::rebuildPending)).isFalse();
    }
}
