package io.ecledger.api.console;

import io.ecledger.api.access.Caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.api.http.Refused;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.CompletionData;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.command.Origin;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandlersTest {

    // the groups EccmgrApplication wires, without their collaborators: registering a handler only keeps a reference
    private static Handlers.Group[] managerGroups() {
        return new Handlers.Group[] {
            new SendHandler(null),
            new RetrieveHandlers(null, null),
            new MembershipHandler(null, null, "manager.example.com"),
            new ConfigHandler(null, null),
            new HistoryHandlers(null, null),
            new ReplayHandler(null),
            new NodeKeyHandler(null),
            new AuditHandler(null),
            new InfoHandlers(null, null),
            new PolicyHandler(null, null, null),
            new HelpHandler(Grammar.standard()),
            new CancelHandler(null, null),
            new RerunHandler(null),
        };
    }

    /** A group answering every command with its type's simple name, and the caller. */
    private static Handlers.Group echo(List<Class<? extends Command>> types) {
        return handlers -> types.forEach(type -> echo(handlers, type));
    }

    private static <C extends Command> void echo(Handlers.Builder handlers, Class<C> type) {
        handlers.on(type, (command, caller) -> type.getSimpleName() + " for " + caller.actor() + " via " + caller.origin());
    }

    @Test
    void everyPermittedCommandTypeHasAHandlerInTheManagersTable() {
        Handlers handlers = Handlers.of(managerGroups());

        assertThat(handlers.types()).containsExactlyInAnyOrderElementsOf(Handlers.commandTypes());
    }

    @Test
    void theCommandTypesAreTheRecordsUnderTheSealedCommand() {
        assertThat(Handlers.commandTypes())
                .contains(Command.Send.class, Command.Retrieve.class, Command.Config.class, Command.Replay.class)
                .hasSize(Command.class.getPermittedSubclasses().length)
                .allMatch(Class::isRecord);
    }

    @Test
    void aTableWithoutAHandlerForSomeCommandIsRefusedNamingIt() {
        List<Class<? extends Command>> most = Handlers.commandTypes().stream()
                .filter(type -> type != Command.Replay.class && type != Command.Version.class).toList();

        assertThatThrownBy(() -> Handlers.of(echo(most)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no console handler for Version, Replay");
    }

    @Test
    void aSecondHandlerForOneCommandIsRefused() {
        assertThatThrownBy(() -> Handlers.of(echo(Handlers.commandTypes()), echo(List.of(Command.Info.class))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two handlers for Info");
    }

    @Test
    void aLineGoesToTheHandlerOfItsCommandTypeWithItsCaller() {
        ConsoleService console = new ConsoleService(Grammar.standard(), Handlers.of(echo(Handlers.commandTypes())),
                () -> CompletionData.NONE, (caller, command, line) -> { });

        assertThat(console.execute("info", new Caller("alice", Origin.CONSOLE, Set.of()))).isEqualTo("Info for alice via CONSOLE");
        assertThat(console.execute("retrieve_node east1 version", new Caller("bob", Origin.REST, Set.of())))
                .isEqualTo("Retrieve for bob via REST");
        assertThat(console.execute("broadcast version", new Caller("carol", Origin.CONTROL_LISTENER, Set.of())))
                .isEqualTo("Send for carol via CONTROL_LISTENER");
    }

    @Test
    void aLineThatDoesNotParseIsRefusedBeforeAnyHandler() {
        ConsoleService console = new ConsoleService(Grammar.standard(), Handlers.of(echo(Handlers.commandTypes())),
                () -> CompletionData.NONE, (caller, command, line) -> { });

        assertThatThrownBy(() -> console.execute("frobnicate", new Caller("alice", Origin.CONSOLE, Set.of())))
                .isInstanceOfSatisfying(Refused.class, refused -> assertThat(refused.code()).isEqualTo("invalid-command"));
    }
}
