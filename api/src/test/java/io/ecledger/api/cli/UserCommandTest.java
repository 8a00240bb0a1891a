package io.ecledger.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.auth.UsersFile;
import io.ecledger.api.auth.Users;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserCommandTest {

    @TempDir
    Path data;

    private record Run(int exit, String out, String err) {}

    private Run ecledger(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data";
        all[args.length + 1] = data.toString();
        int exit = EcledgerMain.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void anAddedUsersTokenIsPrintedOnceAuthenticatesAndListShowsOnlyItsId() throws Exception {
        assertThat(ecledger("user", "add", "alice", "--role", "operator,auditor").exit()).isZero();
        Run token = ecledger("user", "token", "alice");
        String secret = token.out().strip();

        assertThat(token.exit()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(UsersFile.NAME))))
                .isEqualTo("rw-------");
        assertThat(Users.open(data.resolve(UsersFile.NAME), Clock.systemUTC()).authenticate(secret))
                .hasValueSatisfying(user -> assertThat(user.roles()).containsExactlyInAnyOrder("operator", "auditor"));
        Run list = ecledger("user", "list");
        assertThat(list.out()).isEqualTo("alice roles=operator,auditor password=none tokens=" + secret.substring(0, 8) + "\n");
        assertThat(Files.readString(data.resolve(UsersFile.NAME))).doesNotContain(secret.substring(9));
    }

    @Test
    void aRevokedTokenAndARemovedUserNoLongerAuthenticate() {
        ecledger("user", "add", "bob", "--role", "admin");
        String first = ecledger("user", "token", "bob").out().strip();
        String second = ecledger("user", "token", "bob").out().strip();

        assertThat(ecledger("user", "token", "bob", "--revoke", first.substring(0, 8)).exit()).isZero();
        Users users = Users.open(data.resolve(UsersFile.NAME), Clock.systemUTC());
        assertThat(users.authenticate(first)).isEmpty();
        assertThat(users.authenticate(second)).isPresent();

        assertThat(ecledger("user", "remove", "bob").exit()).isZero();
        assertThat(Users.open(data.resolve(UsersFile.NAME), Clock.systemUTC()).authenticate(second)).isEmpty();
    }

    @Test
    void aNameBreakingTheNameRuleATooCheapCostAndAnUnknownUserAreRefused() {
        assertThat(ecledger("user", "add", "bad name", "--role", "admin").err()).startsWith("ecledger user add: ");
        assertThat(ecledger("user", "add", "carol", "--role", "admin", "--cost", "4").err())
                .contains("--cost must be between 10 and 31, not 4");
        Run unknown = ecledger("user", "token", "nobody");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no user nobody in");
    }
}
