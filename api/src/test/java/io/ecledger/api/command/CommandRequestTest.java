package io.ecledger.api.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.api.http.Refused;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.command.Target;
import org.junit.jupiter.api.Test;

class CommandRequestTest {

    private static final Grammar GRAMMAR = Grammar.standard();

    private static CommandRequest request(Boolean broadcast, String subcluster, String node, String command) {
        return new CommandRequest(new CommandRequest.TargetRequest(broadcast, subcluster, node), command);
    }

    @Test
    void aRequestBecomesTheSendItsTypedLineWouldParseTo() {
        assertThat(request(true, null, null, "  cluster   membership ").send(GRAMMAR))
                .isEqualTo(new Command.Send(new Target.Broadcast(), "cluster   membership"));
        assertThat(request(null, "west", null, "version").send(GRAMMAR))
                .isEqualTo(new Command.Send(new Target.Subcluster("west"), "version"));
        assertThat(request(null, null, "rh52mgr", "summary").send(GRAMMAR))
                .isEqualTo(new Command.Send(new Target.Unicast("rh52mgr"), "summary"));
    }

    @Test
    void aRequestWithoutATargetIsRefusedAsAnInvalidTarget() {
        assertThatThrownBy(() -> new CommandRequest(null, "version").send(GRAMMAR))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.code()).isEqualTo("invalid-target");
                    assertThat(refused.getMessage()).isEqualTo("target is missing");
                });
        assertThatThrownBy(() -> request(true, "west", null, "version").send(GRAMMAR))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.code()).isEqualTo("invalid-target"));
    }

    @Test
    void aBadNameIsRefusedBeforeTheCommandIsLookedAt() {
        assertThatThrownBy(() -> request(null, null, "bad/name", null).send(GRAMMAR))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.code()).isEqualTo("invalid-name");
                    assertThat(refused.getMessage()).isEqualTo("'bad/name' is not a valid node name");
                });
    }

    @Test
    void aMissingOrSmuggledCommandIsRefusedWithTheGrammarsMessage() {
        assertThatThrownBy(() -> request(null, "west", null, null).send(GRAMMAR))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.code()).isEqualTo("invalid-command");
                    assertThat(refused.getMessage()).isEqualTo("subcluster broadcast: missing command");
                });
        assertThatThrownBy(() -> request(true, null, null, "version\nunicast x y").send(GRAMMAR))
                .isInstanceOfSatisfying(Refused.class, refused ->
                        assertThat(refused.getMessage()).isEqualTo("line contains control character U+000A"));
        assertThatThrownBy(() -> request(true, null, null, "x".repeat(9000)).send(GRAMMAR))
                .isInstanceOfSatisfying(Refused.class, refused ->
                        assertThat(refused.getMessage()).isEqualTo("line too long: 9010 characters (limit 8192)"));
    }
}
