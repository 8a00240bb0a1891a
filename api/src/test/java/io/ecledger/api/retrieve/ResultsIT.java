package io.ecledger.api.retrieve;

import static io.ecledger.api.projection.ProjectionFixture.AFTER;
import static io.ecledger.api.projection.ProjectionFixture.BEFORE;
import static io.ecledger.api.projection.ProjectionFixture.WAIT;
import static io.ecledger.api.projection.ProjectionFixture.caughtUp;
import static io.ecledger.api.projection.ProjectionFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.projection.Projection;
import io.ecledger.api.projection.ProjectionFixture;
import io.ecledger.api.projection.ProjectionFixture.Issued;
import io.ecledger.api.retrieve.NodeResult.State;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.NodeStatus;
import io.ecledger.ledger.testing.KafkaBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBroker.class)
class ResultsIT {

    private static final Target BROADCAST = new Target.Broadcast();

    private ProjectionFixture fixture;
    private Projection projection;
    private Results results;

    @BeforeEach
    void start(KafkaBroker.Handle broker, @TempDir Path h2) throws Exception {
        fixture = new ProjectionFixture(broker);
        Jdbi jdbi = ProjectionFixture.h2(h2);
        projection = fixture.start(jdbi);
        results = new Results(jdbi);
        fixture.announce(node("east1", "east"), node("east2", "east"), node("west1", "west"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static List<String> lines(Optional<CommandResults> shown) {
        assertThat(shown).as("a command is shown").isPresent();
        return shown.get().nodes().stream().map(n -> n.node() + "@" + n.subcluster() + ":" + n.state()).toList();
    }

    @Test
    void retrieveShowsEveryExpectedNodePendingUntilAnsweredAndTimedOutAfterTheDeadline() throws Exception {
        Issued version = fixture.issue(BROADCAST, "version", "west1", "east1", "east2");
        assertThat(projection.awaitLedger(version.offset(), WAIT)).isTrue();

        assertThat(lines(results.retrieve(BROADCAST, "version", BEFORE)))
                .containsExactly("east1@east:PENDING", "east2@east:PENDING", "west1@west:PENDING");

        fixture.respond(version, "east2", "east", "Version: 4.2.1");
        assertThat(projection.awaitResponses(WAIT)).isTrue();

        CommandResults shown = results.retrieve(BROADCAST, "version", BEFORE).orElseThrow();
        assertThat(shown.commandId()).isEqualTo(version.id());
        assertThat(shown.ledgerOffset()).isEqualTo(version.offset());
        assertThat(shown.actor()).isEqualTo("alice");
        assertThat(shown.target()).isEqualTo(BROADCAST);
        assertThat(shown.nodes().get(1)).isEqualTo(new NodeResult("east2", "east", State.ANSWERED,
                Optional.of(NodeStatus.OK), Optional.of("Version: 4.2.1"), Optional.of(BEFORE.plusMillis(12))));
        assertThat(lines(results.retrieve(BROADCAST, "version", AFTER)))
                .containsExactly("east1@east:UNDELIVERED", "east2@east:ANSWERED", "west1@west:UNDELIVERED");
        assertThat(results.retrieve(BROADCAST, "summary", BEFORE)).isEmpty();
    }

    @Test
    void subclusterRetrieveShowsOnlyThatSubclustersNodes() throws Exception {
        Issued broadcast = fixture.issue(BROADCAST, "summary", "east1", "east2", "west1");
        Issued toWest = fixture.issue(new Target.Subcluster("west"), "summary", "west1");
        fixture.respond(broadcast, "east1", "east", "east1 summary");
        caughtUp(projection);

        Optional<CommandResults> east = results.retrieve(new Target.Subcluster("east"), "summary", BEFORE);
        Optional<CommandResults> west = results.retrieve(new Target.Subcluster("west"), "summary", BEFORE);

        assertThat(east.orElseThrow().commandId()).isEqualTo(broadcast.id());
        assertThat(lines(east)).containsExactly("east1@east:ANSWERED", "east2@east:PENDING");
        assertThat(west.orElseThrow().commandId()).isEqualTo(toWest.id());
        assertThat(lines(west)).containsExactly("west1@west:PENDING");
        assertThat(results.retrieve(BROADCAST, "summary", BEFORE).orElseThrow().commandId())
                .as("a plain retrieve shows broadcasts only").isEqualTo(broadcast.id());
    }

    @Test
    void retrieveNodeShowsOnlyThatNodeIncludingUnicastResults() throws Exception {
        Issued broadcast = fixture.issue(BROADCAST, "version", "east1", "east2", "west1");
        Issued unicast = fixture.issue(new Target.Unicast("west1"), "version", "west1");
        fixture.respond(broadcast, "west1", "west", "from the broadcast");
        fixture.respond(unicast, "west1", "west", "from the unicast");
        caughtUp(projection);

        CommandResults west1 = results.retrieve(new Target.Unicast("west1"), "version", BEFORE).orElseThrow();
        CommandResults east1 = results.retrieve(new Target.Unicast("east1"), "version", AFTER).orElseThrow();

        assertThat(west1.commandId()).isEqualTo(unicast.id());
        assertThat(west1.nodes()).singleElement()
                .satisfies(line -> assertThat(line.output()).contains("from the unicast"));
        assertThat(east1.commandId()).isEqualTo(broadcast.id());
        assertThat(lines(Optional.of(east1))).containsExactly("east1@east:UNDELIVERED");
        assertThat(results.retrieve(BROADCAST, "version", BEFORE).orElseThrow().commandId()).isEqualTo(broadcast.id());
    }

    @Test
    void theLatestIssueOfTheSameTextWins() throws Exception {
        fixture.issue(BROADCAST, "version", "east1");
        Issued second = fixture.issue(BROADCAST, "version", "east1", "west1");
        fixture.issue(BROADCAST, "summary", "east1");
        caughtUp(projection);

        CommandResults shown = results.retrieve(BROADCAST, "version", BEFORE).orElseThrow();

        assertThat(shown.commandId()).isEqualTo(second.id());
        assertThat(lines(Optional.of(shown))).containsExactly("east1@east:PENDING", "west1@west:PENDING");
        assertThat(results.commandTexts()).containsExactly("summary", "version");
    }

    @Test
    void aFlushHidesEarlierCommandsWhileCommandByIdStillFindsThem() throws Exception {
        Issued before = fixture.issue(BROADCAST, "version", "east1");
        fixture.respond(before, "east1", "east", "4.2.1");
        fixture.flush();
        caughtUp(projection);

        assertThat(results.retrieve(BROADCAST, "version", BEFORE)).isEmpty();
        assertThat(results.retrieve(new Target.Unicast("east1"), "version", BEFORE)).isEmpty();
        assertThat(results.commandTexts()).isEmpty();
        assertThat(lines(results.command(before.id(), BEFORE))).containsExactly("east1@east:ANSWERED");

        Issued after = fixture.issue(BROADCAST, "version", "east1");
        caughtUp(projection);
        assertThat(results.retrieve(BROADCAST, "version", BEFORE).orElseThrow().commandId()).isEqualTo(after.id());
        assertThat(results.commandTexts()).containsExactly("version");
    }

    @Test
    void aResponseFromAnUnexpectedNodeIsShownAndADuplicateResponseKeepsTheFirst() throws Exception {
        Issued version = fixture.issue(BROADCAST, "version", "east1");
        fixture.respond(version, "east1", "east", "first");
        fixture.respond(version, "east1", "east", "second");
        fixture.respond(version, "west1", "west", "unexpected");
        caughtUp(projection);

        CommandResults shown = results.retrieve(BROADCAST, "version", BEFORE).orElseThrow();

        assertThat(shown.nodes()).extracting(NodeResult::node, NodeResult::state, NodeResult::output).containsExactly(
                org.assertj.core.groups.Tuple.tuple("east1", State.ANSWERED, Optional.of("first")),
                org.assertj.core.groups.Tuple.tuple("west1", State.ANSWERED, Optional.of("unexpected")));
    }

    @Test
    void aNodesRefusalOfAForgedRecordClaimingTheCommandIsNotItsAnswerEvenWhenItCameFirst() throws Exception {
        Issued version = fixture.issue(BROADCAST, "version", "east1", "east2");
        fixture.refuse(version, version.offset() + 5, "east1", "east", "not signed by the manager");
        fixture.refuse(version, version.offset() + 6, "east2", "east", "not signed by the manager");
        fixture.respond(version, "east1", "east", "Version: 4.2.1");
        caughtUp(projection);

        CommandResults shown = results.command(version.id(), BEFORE).orElseThrow();

        assertThat(shown.nodes()).extracting(NodeResult::node, NodeResult::state, NodeResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("east1", State.ANSWERED, Optional.of(NodeStatus.OK)),
                org.assertj.core.groups.Tuple.tuple("east2", State.PENDING, Optional.empty()));
        assertThat(shown.counts().byPhase()).containsExactly(java.util.Map.entry("ok", 1), java.util.Map.entry("pending", 1));
        assertThat(results.output(version.id(), "east1")).map(Results.Output::text).hasValue("Version: 4.2.1");
        assertThat(results.output(version.id(), "east2")).as("a refusal has no output to give").isEmpty();
    }
}
