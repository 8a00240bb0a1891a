package io.ecledger.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersTest {

    @TempDir
    Path directory;

    /** A clock the test moves by hand: the re-read check runs at most once a second. */
    private static final class Manual extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private Path file() {
        return directory.resolve(UsersFile.NAME);
    }

    private static UserEntry user(String name, IssuedToken token, String... roles) {
        return new UserEntry(name, List.of(roles), Optional.empty(), List.of(token.stored()));
    }

    @Test
    void aMissingUsersFileIsCreatedEmptyAndOwnerOnly() throws IOException {
        Users.open(file(), Clock.systemUTC());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        assertThat(UsersFile.read(file()).users()).isEmpty();
    }

    @Test
    void aUsersFileItsGroupCanReadStopsTheManagerWithAMessageSayingSo() throws IOException {
        UsersFile.empty().write(file());
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> Users.open(file(), Clock.systemUTC()))
                .isInstanceOf(UsersFileException.class)
                .hasMessageContaining("has mode rw-r-----: it must be readable by its owner only (chmod 600");
    }

    @Test
    void aTokenAuthenticatesItsUserAndNothingElseDoes() {
        IssuedToken token = IssuedToken.generate();
        new UsersFile(List.of(user("alice", token, "operator"))).write(file());
        Users users = Users.open(file(), Clock.systemUTC());

        assertThat(users.authenticate(token.text())).contains(new User("alice", java.util.Set.of("operator")));
        assertThat(users.authenticate(token.id() + "." + token.secret().substring(1))).isEmpty();
        assertThat(users.authenticate(token.secret())).isEmpty();
        assertThat(users.authenticate(IssuedToken.generate().text())).isEmpty();
    }

    @Test
    void theFileHoldsOnlyTheTokensHashNeverTheToken() throws IOException {
        IssuedToken token = IssuedToken.generate();
        new UsersFile(List.of(user("alice", token, "admin"))).write(file());

        assertThat(Files.readString(file())).doesNotContain(token.secret()).contains(token.id());
    }

    @Test
    void aPasswordAuthenticatesByBcryptAndAWrongOneOrAnUnknownUserDoesNot() {
        String hash = new String(BCrypt.withDefaults().hash(10, "s3cret".toCharArray()), StandardCharsets.US_ASCII);
        new UsersFile(List.of(new UserEntry("bob", List.of("viewer"), Optional.of(hash), List.of()))).write(file());
        Users users = Users.open(file(), Clock.systemUTC());

        assertThat(users.authenticate("bob", "s3cret")).map(User::name).contains("bob");
        assertThat(users.authenticate("bob", "S3cret")).isEmpty();
        assertThat(users.authenticate("carol", "s3cret")).isEmpty();
    }

    @Test
    void aChangeOnDiskIsSeenAfterASecondAndABrokenOneKeepsTheLastGood() throws IOException {
        Manual clock = new Manual();
        IssuedToken alice = IssuedToken.generate();
        IssuedToken bob = IssuedToken.generate();
        new UsersFile(List.of(user("alice", alice, "admin"))).write(file());
        Users users = Users.open(file(), clock);

        new UsersFile(List.of(user("bob", bob, "viewer"))).write(file());
        assertThat(users.authenticate(bob.text())).as("within the second").isEmpty();
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertThat(users.authenticate(bob.text())).isPresent();
        assertThat(users.authenticate(alice.text())).as("removed").isEmpty();

        Files.writeString(file(), "users: [ {name: \"bad name\"");
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertThat(users.authenticate(bob.text())).as("the last good file").isPresent();
    }

    @Test
    void aUserNameBreakingTheNameRuleIsRefused() {
        assertThatThrownBy(() -> new UserEntry("a\nb", List.of("admin"), Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSessionOpenedWithAPasswordEndsWhenThePasswordChangesAndKeepsTheRolesTheFileGivesNow() {
        Manual clock = new Manual();
        String hash = new String(BCrypt.withDefaults().hash(4, "first".toCharArray()), StandardCharsets.US_ASCII);
        UsersFile.empty().with(new UserEntry("ada", List.of("viewer"), Optional.of(hash), List.of())).write(file());
        Users users = Users.open(file(), clock);

        SignedIn signedIn = users.signIn("ada", "first").orElseThrow();
        assertThat(users.signIn("ada", "second")).isEmpty();
        assertThat(signedIn.method()).isEqualTo("password");

        UsersFile.read(file()).with(new UserEntry("ada", List.of("admin"), Optional.of(hash), List.of())).write(file());
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertThat(users.stillSignedIn(signedIn)).map(User::roles).contains(java.util.Set.of("admin"));

        String other = new String(BCrypt.withDefaults().hash(4, "second".toCharArray()), StandardCharsets.US_ASCII);
        UsersFile.read(file()).with(new UserEntry("ada", List.of("admin"), Optional.of(other), List.of())).write(file());
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertThat(users.stillSignedIn(signedIn)).isEmpty();
    }

    @Test
    void aSessionOpenedWithATokenEndsWhenTheTokenIsRevokedOrTheUserRemoved() {
        Manual clock = new Manual();
        IssuedToken token = IssuedToken.generate();
        IssuedToken other = IssuedToken.generate();
        UsersFile.empty().with(user("bob", token, "operator").withToken(other.stored())).write(file());
        Users users = Users.open(file(), clock);

        SignedIn signedIn = users.signIn(token.text()).orElseThrow();
        assertThat(signedIn.method()).isEqualTo("token");
        assertThat(users.signIn(token.text() + "x")).isEmpty();

        UserEntry bob = UsersFile.read(file()).find("bob").orElseThrow();
        UsersFile.read(file()).with(bob.withoutToken(other.id())).write(file());
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertThat(users.stillSignedIn(signedIn)).as("another token revoked").isPresent();

        UsersFile.read(file()).with(bob.withoutToken(token.id()).withoutToken(other.id())).write(file());
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertThat(users.stillSignedIn(signedIn)).isEmpty();

        UsersFile.read(file()).with(bob.withoutToken(other.id())).write(file());
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        SignedIn again = users.signIn(token.text()).orElseThrow();
        UsersFile.read(file()).without("bob").write(file());
        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertThat(users.stillSignedIn(again)).as("the user removed").isEmpty();
    }
}
