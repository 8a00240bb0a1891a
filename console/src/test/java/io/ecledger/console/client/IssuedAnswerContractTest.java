package io.ecledger.console.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.command.Issued;
import io.ecledger.api.console.text.ConsoleText;
import io.ecledger.ledger.command.Target;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The console finds a sent command's id in the manager's answer: pinned to the text the manager really renders. */
class IssuedAnswerContractTest {

    private static final UUID ID = UUID.fromString("7f2c0a5e-1d3b-4c8e-9a6f-0b1c2d3e4f50");
    private static final Instant DUE = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void theIdOfEverySendIsFoundInTheManagersOwnAnswer() {
        for (Target target : List.of(new Target.Broadcast(), new Target.Subcluster("east"), new Target.Unicast("rh52mgr"))) {
            String text = ConsoleText.issued(target, new Issued(ID, 42, List.of("rh52mgr"), DUE));

            assertThat(Answer.ok(text).issuedCommand()).as(text).contains(ID);
        }
    }

    @Test
    void aSendToNoNodeStillNamesItsCommand() {
        String text = ConsoleText.issued(new Target.Subcluster("empty"), new Issued(ID, 0, List.of(), DUE));

        assertThat(Answer.ok(text).issuedCommand()).contains(ID);
    }

    @Test
    void aRefusalOrAnotherAnswerNamesNoCommandToFollow() {
        assertThat(Answer.refused("unknown node 'ghost'").issuedCommand()).isEmpty();
        assertThat(Answer.ok("summary - command " + ID + " at ledger offset 3, sent to broadcast").issuedCommand())
                .isEmpty();
    }
}
