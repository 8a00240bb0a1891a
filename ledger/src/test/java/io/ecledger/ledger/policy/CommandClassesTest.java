package io.ecledger.ledger.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.ConfigVerb;
import io.ecledger.ledger.command.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandClassesTest {

    @Test
    void everyConcreteCommandTypeHasAClassThePolicyKnows() {
        List<Class<?>> concrete = new ArrayList<>();
        walk(Command.class, concrete);
        Set<Class<?>> covered = new HashSet<>();
        for (Command command : oneOfEach()) {
            covered.add(command.getClass());
            assertThat(CommandClasses.ALL).as(command.toString()).contains(CommandClasses.of(command));
        }
        assertThat(covered).containsExactlyInAnyOrderElementsOf(concrete);
    }

    @Test
    void configChangesAreConfigWriteAndTheRestConfigRead() {
        for (ConfigVerb verb : ConfigVerb.values()) {
            String expected = verb == ConfigVerb.SET || verb == ConfigVerb.UNSET || verb == ConfigVerb.WRITEBACK
                    ? "config-write" : "config-read";
            assertThat(CommandClasses.of(CommandPolicyMatrixTest.parse(configLine(verb)))).as(verb.word())
                    .isEqualTo(expected);
        }
    }

    private static String configLine(ConfigVerb verb) {
        switch (verb) {
            case SET:
                return "config set Control_Listener Timeout 30";
            case LOCATE:
                return "config locate Listen";
            case WRITEBACK:
            case SHOW:
            case SHOWRECURSE:
                return "config " + verb.word();
            default:
                return "config " + verb.word() + " Server_Name";
        }
    }

    private static void walk(Class<?> type, List<Class<?>> into) {
        if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                walk(sub, into);
            }
        } else {
            into.add(type);
        }
    }

    private static List<Command> oneOfEach() {
        return List.of(
                new Command.Send(new Target.Broadcast(), "version"),
                new Command.Retrieve(new Target.Broadcast(), "version"),
                new Command.FlushControlCache(),
                new Command.Help(Optional.empty()),
                new Command.Info(),
                new Command.ShowClusterMembership(),
                new Command.Shutdown(),
                new Command.Version(),
                new Command.Config(ConfigVerb.SHOW, List.of(), Optional.empty(), Optional.empty()),
                new Command.AuditVerify(false),
                CommandPolicyMatrixTest.parse("history"),
                new Command.HistoryShow(3),
                new Command.Replay(1, 2, Optional.empty(), false),
                new Command.NodeKeys(),
                new Command.NodeAccept(Optional.empty()),
                new Command.PolicyShow(Optional.empty()),
                new Command.PolicyReload(),
                new Command.NodeReject(new Target.Unicast("east1")),
                new Command.Cancel(Optional.empty(), Optional.of("version")),
                new Command.Rerun(java.util.UUID.randomUUID(), Command.Rerun.Which.FAILED, false));
    }
}
