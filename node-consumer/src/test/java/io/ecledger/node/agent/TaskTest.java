package io.ecledger.node.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.BatchReleased;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.event.Rollout;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskTest {

    private static final Instant DEADLINE = Events.T0.plusSeconds(30);
    private static final NodeIdentity RH52BARE = Events.node("rh52bare", "east");

    private static CommandIssued command(Target target, List<String> expected) {
        return new CommandIssued(UUID.randomUUID(), target, "version", expected, DEADLINE, OptionalLong.empty());
    }

    private static Optional<Task> taskOf(Object payload, long offset) {
        return Task.of(Events.event((io.ecledger.ledger.event.Payload) payload), offset, RH52BARE);
    }

    @Test
    void aCommandForThisNodeIsATaskNamingItsOffsetTextAndDeadlines() {
        CommandIssued command = command(new Target.Broadcast(), List.of("rh52bare"));

        assertThat(taskOf(command, 41)).contains(new Task(command.commandId(), 41, "version", DEADLINE, DEADLINE));
    }

    @Test
    void commandsForItsSubclusterAndForItByNameAreTasksToo() {
        assertThat(taskOf(command(new Target.Subcluster("east"), List.of("rh52bare")), 1)).isPresent();
        // a unicast to this node is its task even when its expected nodes do not name it
        assertThat(taskOf(command(new Target.Unicast("rh52bare"), List.of()), 2)).isPresent();
    }

    @Test
    void commandsForAnotherNodeOrSubclusterOrNotNamingThisOneAmongTheExpectedAreNoTask() {
        assertThat(taskOf(command(new Target.Unicast("rh52mgr"), List.of("rh52mgr")), 1)).isEmpty();
        assertThat(taskOf(command(new Target.Subcluster("west"), List.of("rh52bare")), 2)).isEmpty();
        assertThat(taskOf(command(new Target.Broadcast(), List.of("rh52mgr", "rh52bar2")), 3)).isEmpty();
        assertThat(taskOf(Events.configSet(), 4)).isEmpty();
    }

    @Test
    void aDeliveryDeadlineIsWhenTheTaskMustStart() {
        CommandIssued command = new CommandIssued(UUID.randomUUID(), new Target.Broadcast(), "version",
                List.of("rh52bare"), DEADLINE, OptionalLong.empty(), Optional.of(Events.T0.plusSeconds(5)),
                Optional.empty(), Optional.empty());

        assertThat(taskOf(command, 7)).hasValueSatisfying(task -> {
            assertThat(task.startBy()).isEqualTo(Events.T0.plusSeconds(5));
            assertThat(task.deadline()).isEqualTo(DEADLINE);
        });
    }

    @Test
    void aRolloutIsATaskWithItsCommandOnlyForTheFirstBatchAndWithTheReleaseOfItsBatchForTheOthers() {
        Rollout twoAtATime = new Rollout(2, Duration.ZERO, OptionalInt.empty(), "--batch 2");
        CommandIssued first = command(new Target.Broadcast(), List.of("rh52bare", "rh52mgr", "rh52bar2"))
                .withRollout(twoAtATime);
        CommandIssued later = command(new Target.Broadcast(), List.of("rh52mgr", "rh52bar2", "rh52bare"))
                .withRollout(twoAtATime);
        BatchReleased release = new BatchReleased(later.commandId(), 12, 1, List.of("rh52bare"), "version",
                Events.T0.plusSeconds(40), Events.T0.plusSeconds(60));

        assertThat(taskOf(first, 10)).isPresent();
        assertThat(taskOf(later, 12)).isEmpty();
        assertThat(taskOf(release, 20)).contains(new Task(later.commandId(), 12, "version", Events.T0.plusSeconds(40),
                Events.T0.plusSeconds(60)));
        assertThat(taskOf(new BatchReleased(later.commandId(), 12, 1, List.of("rh52mgr"), "version", DEADLINE, DEADLINE),
                21)).isEmpty();
    }
}
