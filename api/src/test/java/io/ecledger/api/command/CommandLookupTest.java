package io.ecledger.api.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.projection.OwnWrites;
import io.ecledger.api.projection.ProjectionFixture;
import io.ecledger.api.retrieve.Results;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Read-your-writes by command id: the 202 does not wait for the projection, so the lookup does, only when it must. */
class CommandLookupTest {

    private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final Jdbi h2 = ProjectionFixture.inMemoryH2();
    private final UUID id = UUID.randomUUID();

    @Test
    void aCommandTheProjectionHasNotAppliedYetIsFoundOnceItCaughtUpWithThisManagersAppends() {
        // the projection applies the command only when asked to catch up, as a lagging one would
        OwnWrites projectionCatchingUp = () -> project(id);

        assertThat(new CommandLookup(new Results(h2), CLOCK, projectionCatchingUp).command(id.toString()))
                .hasValueSatisfying(found -> assertThat(found.commandId()).isEqualTo(id));
    }

    @Test
    void withoutWaitingForOwnWritesTheSameLookupFindsNothing() {
        assertThat(new CommandLookup(new Results(h2), CLOCK, OwnWrites.none()).command(id.toString())).isEmpty();
    }

    @Test
    void aCommandTheProjectionHoldsIsAnsweredWithoutWaiting() {
        project(id);
        AtomicInteger waits = new AtomicInteger();

        assertThat(new CommandLookup(new Results(h2), CLOCK, waits::incrementAndGet).command(id.toString())).isPresent();
        assertThat(waits).hasValue(0);
    }

    @Test
    void anIdNoCommandHasIsEmptyAfterOneWait() {
        AtomicInteger waits = new AtomicInteger();

        assertThat(new CommandLookup(new Results(h2), CLOCK, waits::incrementAndGet).command(UUID.randomUUID().toString()))
                .isEmpty();
        assertThat(waits).hasValue(1);
    }

    private void project(UUID commandId) {
        h2.useHandle(h -> h.createUpdate("""
                INSERT INTO issued_command (command_id, ledger_offset, issued_at, actor, origin, target_kind, target_name,
                                            command_text, deadline, replay_of, flush_epoch)
                VALUES (:id, 1, :now, 'operator', 'REST', 'UNICAST', 'rh52bare', 'version', :now, NULL, 0)""")
                .bind("id", commandId).bind("now", NOW).execute());
    }
}
