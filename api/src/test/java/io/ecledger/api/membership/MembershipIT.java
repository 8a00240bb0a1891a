package io.ecledger.api.membership;

import static io.ecledger.api.projection.ProjectionFixture.BEFORE;
import static io.ecledger.api.projection.ProjectionFixture.caughtUp;
import static io.ecledger.api.projection.ProjectionFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.projection.Projection;
import io.ecledger.api.projection.ProjectionFixture;
import io.ecledger.ledger.event.MembershipEvent.NodeAnnounced;
import io.ecledger.ledger.event.MembershipEvent.NodeHeartbeat;
import io.ecledger.ledger.event.MembershipEvent.NodeLeft;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.testing.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaBroker.class)
class MembershipIT {

    @Test
    void membersAreSortedBySubclusterAndNodeAliveWithinTheWindowAndLeftAfterLeaving(
            KafkaBroker.Handle broker, @TempDir Path h2) throws Exception {
        try (ProjectionFixture fixture = new ProjectionFixture(broker)) {
            Jdbi jdbi = ProjectionFixture.h2(h2);
            Projection projection = fixture.start(jdbi);
            NodeIdentity west1 = node("west1", "west");
            NodeIdentity east2 = node("east2", "east");
            NodeIdentity east1 = node("east1", "east");
            fixture.member(new NodeAnnounced(west1, BEFORE));
            fixture.member(new NodeAnnounced(east2, BEFORE));
            fixture.member(new NodeAnnounced(east1, BEFORE));
            fixture.member(new NodeHeartbeat(east1, BEFORE.plusSeconds(10)));
            fixture.member(new NodeLeft(east2, BEFORE.plusSeconds(5)));
            caughtUp(projection);

            Membership membership = new Membership(jdbi, Duration.ofSeconds(15));

            assertThat(membership.members(BEFORE.plusSeconds(20))).containsExactly(
                    new Member("east1", "east", "east1.example.com", "0.1.0", BEFORE.plusSeconds(10), true, false),
                    new Member("east2", "east", "east2.example.com", "0.1.0", BEFORE.plusSeconds(5), false, true),
                    new Member("west1", "west", "west1.example.com", "0.1.0", BEFORE, false, false));

            fixture.member(new NodeAnnounced(east2, BEFORE.plusSeconds(18)));
            caughtUp(projection);
            assertThat(membership.members(BEFORE.plusSeconds(20))).filteredOn(m -> m.node().equals("east2"))
                    .singleElement().satisfies(m -> {
                        assertThat(m.alive()).as("back after announcing again").isTrue();
                        assertThat(m.left()).isFalse();
                    });
        }
    }
}
