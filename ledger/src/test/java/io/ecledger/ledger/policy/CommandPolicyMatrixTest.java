package io.ecledger.ledger.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.command.ParseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The default policy as a role × command-class table, written out by hand: the code must agree with it. */
class CommandPolicyMatrixTest {

    private static final List<String> ROLES = List.of("viewer", "operator", "config-admin", "auditor", "admin");

    // class              | line, or "=CLASS" for a request that is no console command | viewer operator config-admin auditor admin
    private static final String MATRIX = """
            retrieve       | retrieve version                          | Y Y N N Y
            retrieve       | retrieve_node east1 show queue            | Y Y N N Y
            history        | history                                   | Y Y N Y Y
            history        | history show 3                            | Y Y N Y Y
            membership     | show cluster membership                   | Y Y N N Y
            info           | info                                      | Y Y N N Y
            version        | version                                   | Y Y N N Y
            help           | help                                      | Y Y N N Y
            send           | broadcast sieve:main flush cache          | N Y N N Y
            send           | unicast east1 sieve:rules flush cache     | N Y N N Y
            send           | subcluster broadcast west config reload   | N Y N N Y
            send           | subcluster broadcast east config reload   | N N N N Y
            send           | broadcast config reload                   | N N N N Y
            send           | broadcast shutdown                        | N N N N Y
            send           | broadcast reboot now                      | N N N N Y
            flush          | flush control cache                       | N Y N N Y
            config-read    | config eval Server_Name                   | N Y Y N Y
            config-write   | config set Control_Listener Timeout 30    | N N Y N Y
            config-write   | config writeback                          | N N Y N Y
            audit          | audit verify                              | N N N Y Y
            shutdown       | shutdown                                  | N N N N Y
            replay         | replay 3                                  | N N N N Y
            replay-dry-run | replay 3 --dry-run                        | N Y N N Y
            node-keys      | node keys                                 | N N N N Y
            node-trust     | node accept --all                         | N N N N Y
            node-trust     | node reject east1                         | N N N N Y
            export         | =export                                   | N N N Y Y
            policy-read    | policy show                               | N N N Y Y
            policy-read    | policy show --at 12                       | N N N Y Y
            policy         | policy reload                             | N N N N Y
            cancel         | cancel 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d  | N Y N N Y
            cancel         | cancel latest sieve:rules flush cache     | N Y N N Y
            rerun          | rerun 9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d --failed | N Y N N Y
            """;

    private final CommandPolicy policy = CommandPolicy.standard();

    @Test
    void eachRoleOfTheDefaultPolicyMayRunExactlyTheCommandsOfTheTable() {
        List<String> mismatches = new ArrayList<>();
        for (String row : MATRIX.strip().split("\n")) {
            String[] cells = row.split("\\|");
            String expectedClass = cells[0].strip();
            String line = cells[1].strip();
            String[] expected = cells[2].strip().split(" +");
            if (!line.startsWith("=")) {
                assertThat(CommandClasses.of(parse(line))).as(line).isEqualTo(expectedClass);
            }
            for (int i = 0; i < ROLES.size(); i++) {
                Set<String> roles = Set.of(ROLES.get(i));
                Decision decision = line.startsWith("=")
                        ? policy.decide(roles, line.substring(1)) : policy.decide(roles, parse(line));
                if (decision.allowed() != expected[i].equals("Y")) {
                    mismatches.add(ROLES.get(i) + " / " + line + ": expected " + expected[i] + ", got " + decision);
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void theTableCoversEveryCommandClassAndEveryRoleOfTheDefaultPolicy() {
        Set<String> classes = new HashSet<>();
        for (String row : MATRIX.strip().split("\n")) {
            classes.add(row.split("\\|")[0].strip());
        }
        assertThat(classes).isEqualTo(CommandClasses.ALL);
        assertThat(policy.roles()).containsExactlyInAnyOrderElementsOf(ROLES);
    }

    @Test
    void aCallerWithNoRoleMayRunNothing() {
        for (String row : MATRIX.strip().split("\n")) {
            String line = row.split("\\|")[1].strip();
            Decision decision = line.startsWith("=")
                    ? policy.decide(Set.of(), line.substring(1)) : policy.decide(Set.of(), parse(line));
            assertThat(decision).as(line).isInstanceOf(Decision.Denied.class);
            assertThat(decision.rule()).isEqualTo(CommandPolicy.DEFAULT_RULE);
        }
    }

    static Command parse(String line) {
        ParseResult parsed = Grammar.standard().parse(line);
        assertThat(parsed).as(line).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) parsed).command();
    }
}
