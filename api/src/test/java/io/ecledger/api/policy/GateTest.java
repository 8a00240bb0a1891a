package io.ecledger.api.policy;

import io.ecledger.api.access.Caller;
import io.ecledger.api.access.DenialSink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.api.console.ConsoleService;
import io.ecledger.api.console.Handlers;
import io.ecledger.api.http.Refused;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.CompletionData;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.policy.CommandPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GateTest {

    private static final String SHUTDOWN_RULE = "operator: deny send \"shutdown*\"";

    private final List<String> denials = new ArrayList<>();
    private final List<Command> handled = new ArrayList<>();
    private final DenialSink sink = (caller, line, rule, reason) ->
            denials.add(caller.actor() + "|" + caller.origin() + "|" + line + "|" + rule + "|" + reason);
    private final ConsoleService console = new ConsoleService(Grammar.standard(), Handlers.of(handlers -> {
        for (Class<? extends Command> type : Handlers.commandTypes()) {
            record(handlers, type);
        }
    }), () -> CompletionData.NONE, new Gate(CommandPolicy::standard, sink));

    @Test
    void aDeniedLineGoesToTheSinkOnceWithItsRuleAndIsNeverHandled() {
        Caller operator = new Caller("olga", Origin.REST, Set.of("operator"));

        assertThatThrownBy(() -> console.execute("broadcast  shutdown", operator))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.status()).isEqualTo(403);
                    assertThat(refused.code()).isEqualTo("forbidden");
                    assertThat(refused.rule()).contains(SHUTDOWN_RULE);
                    assertThat(refused.getMessage()).isEqualTo(
                            "role operator may not send 'shutdown' to broadcast: rule " + SHUTDOWN_RULE);
                });
        assertThat(denials).containsExactly("olga|REST|broadcast  shutdown|" + SHUTDOWN_RULE
                + "|role operator may not send 'shutdown' to broadcast: rule " + SHUTDOWN_RULE);
        assertThat(handled).isEmpty();
    }

    @Test
    void anAllowedLineIsHandledAndNothingGoesToTheSink() {
        console.execute("broadcast sieve:main flush cache", new Caller("olga", Origin.CONTROL_LISTENER, Set.of("operator")));

        assertThat(handled).containsExactly(new Command.Send(new Target.Broadcast(), "sieve:main flush cache"));
        assertThat(denials).isEmpty();
    }

    @Test
    void aCallerWithNoRoleIsDeniedByTheDefaultRule() {
        assertThatThrownBy(() -> console.execute("info", new Caller("anonymous@127.0.0.1", Origin.REST, Set.of())))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.rule()).contains("default: deny"));
        assertThat(denials).hasSize(1);
        assertThat(handled).isEmpty();
    }

    @Test
    void aDeniedCommandBuiltByRestIsRecordedAsTheLineTheGrammarWritesForIt() {
        Command command = new Command.Send(new Target.Subcluster("east"), "config reload");

        assertThatThrownBy(() -> console.execute(command, new Caller("olga", Origin.REST, Set.of("operator"))))
                .isInstanceOf(Refused.class);
        assertThat(denials).singleElement().asString()
                .startsWith("olga|REST|subcluster broadcast east config reload|default: deny|");
        assertThat(handled).isEmpty();
    }

    @Test
    void thePolicyIsAskedAtEachCommandSoAReplacedOneAppliesToTheNext() {
        CommandPolicy[] current = {CommandPolicy.standard()};
        Gate gate = new Gate(() -> current[0], sink);
        Caller viewer = new Caller("vic", Origin.CONSOLE, Set.of("viewer"));
        Command shutdown = new Command.Shutdown();

        assertThatThrownBy(() -> gate.admit(viewer, shutdown, "shutdown")).isInstanceOf(Refused.class);
        current[0] = CommandPolicy.parse("roles:\n  viewer: {allow: [shutdown]}\n");
        gate.admit(viewer, shutdown, "shutdown");

        assertThat(denials).hasSize(1);
    }


    private <C extends Command> void record(Handlers.Builder handlers, Class<C> type) {
        handlers.on(type, (command, caller) -> {
            handled.add(command);
            return "ok";
        });
    }
}
