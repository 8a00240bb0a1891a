package io.ecledger.api.cli;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.ecledger.api.auth.IssuedToken;
import io.ecledger.api.auth.StoredToken;
import io.ecledger.api.auth.UserEntry;
import io.ecledger.api.auth.UsersFile;
import io.ecledger.api.auth.UsersFileException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ecledger user}: the users file, edited offline; a running manager re-reads it within a second, so the
 * change takes effect without a restart.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        subcommands = {UserCommand.Add.class, UserCommand.Remove.class, UserCommand.ListUsers.class, UserCommand.Token.class},
        description = "The users who may use the manager's REST and admin ports, their roles, passwords and tokens.")
final class UserCommand implements Runnable {

    /** Below this bcrypt cost a password hash is too cheap to guess at. */
    static final int MIN_COST = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: add, remove, list, token");
    }

    /** Where the users file is: {@code --users FILE}, else {@code <--data DIR>/users.yaml}. */
    static final class Location {
        @Option(names = "--data", paramLabel = "DIR",
                description = "the manager's dataDirectory (default: $ECLEDGER_DATA or ./data, as ops/conf/eccmgr.yml)")
        Path data = Path.of(System.getenv().getOrDefault("ECLEDGER_DATA", "./data"));

        @Option(names = "--users", paramLabel = "FILE", description = "the users file (default: DIR/users.yaml)")
        Path users;

        Path file() {
            return users != null ? users : data.resolve(UsersFile.NAME);
        }
    }

    /** Runs {@code change} on the file, printing its refusal as {@code ecledger user <verb>: ...} with exit code 2. */
    private static int edit(CommandLine.Model.CommandSpec spec, String verb, Callable<Integer> change) {
        try {
            return change.call();
        } catch (UsersFileException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("ecledger user " + verb + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            spec.commandLine().getErr().println("ecledger user " + verb + ": " + e);
            return 2;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user with roles (or set an existing user's roles), optionally with a password read "
                    + "from standard input for basic auth. Give them a token with 'ecledger user token NAME'.")
    static final class Add implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        Location location;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", paramLabel = "ROLE", split = ",", required = true,
                description = "roles, e.g. viewer, operator, config-admin, auditor, admin")
        List<String> roles;

        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean passwordStdin;

        @Option(names = "--cost", paramLabel = "N", description = "bcrypt cost, at least " + MIN_COST
                + " (default: ${DEFAULT-VALUE})")
        int cost = 12;

        @Override
        public Integer call() {
            return edit(spec, "add", () -> {
                if (cost < MIN_COST || cost > 31) {
                    throw new IllegalArgumentException("--cost must be between " + MIN_COST + " and 31, not " + cost);
                }
                Path file = location.file();
                UsersFile users = UsersFile.read(file);
                Optional<UserEntry> existing = users.find(name);
                Optional<String> hash = existing.flatMap(UserEntry::passwordHash);
                if (passwordStdin) {
                    String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    if (password == null || password.isEmpty()) {
                        throw new IllegalArgumentException("--password-stdin read no password");
                    }
                    hash = Optional.of(new String(BCrypt.withDefaults().hash(cost, password.toCharArray()),
                            StandardCharsets.US_ASCII));
                }
                users.with(new UserEntry(name, roles, hash, existing.map(UserEntry::tokens).orElse(List.of()))).write(file);
                spec.commandLine().getOut().println((existing.isPresent() ? "updated user " : "added user ") + name
                        + " roles=" + String.join(",", roles) + (hash.isPresent() ? " password=set" : "") + " in " + file);
                return 0;
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user and every token of theirs.")
    static final class Remove implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        Location location;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            return edit(spec, "remove", () -> {
                Path file = location.file();
                UsersFile users = UsersFile.read(file);
                if (users.find(name).isEmpty()) {
                    throw new IllegalArgumentException("no user " + name + " in " + file);
                }
                users.without(name).write(file);
                spec.commandLine().getOut().println("removed user " + name + " from " + file);
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List users, their roles and their tokens' ids (never a secret or a hash).")
    static final class ListUsers implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        Location location;

        @Override
        public Integer call() {
            return edit(spec, "list", () -> {
                PrintWriter out = spec.commandLine().getOut();
                for (UserEntry user : UsersFile.read(location.file()).users()) {
                    out.println(user.name() + " roles=" + String.join(",", user.roles())
                            + " password=" + (user.passwordHash().isPresent() ? "set" : "none")
                            + " tokens=" + (user.tokens().isEmpty() ? "none"
                            : user.tokens().stream().map(StoredToken::id).collect(Collectors.joining(","))));
                }
                out.flush();
                return 0;
            });
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Issue a new token for a user and print it once (only its hash is kept), or revoke one by id.")
    static final class Token implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @CommandLine.Mixin
        Location location;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--revoke", paramLabel = "ID", description = "revoke the token with this id (see 'user list')")
        String revoke;

        @Override
        public Integer call() {
            return edit(spec, "token", () -> {
                Path file = location.file();
                UsersFile users = UsersFile.read(file);
                UserEntry user = users.find(name)
                        .orElseThrow(() -> new IllegalArgumentException("no user " + name + " in " + file
                                + "; add them with 'ecledger user add " + name + " --role ROLE'"));
                if (revoke != null) {
                    if (user.tokens().stream().noneMatch(token -> token.id().equals(revoke))) {
                        throw new IllegalArgumentException("user " + name + " has no token " + revoke + "; theirs: "
                                + Arrays.toString(user.tokens().stream().map(StoredToken::id).toArray()));
                    }
                    users.with(user.withoutToken(revoke)).write(file);
                    spec.commandLine().getOut().println("revoked token " + revoke + " of user " + name);
                    return 0;
                }
                IssuedToken issued = IssuedToken.generate();
                users.with(user.withToken(issued.stored())).write(file);
                // the one time the secret is shown: stdout, so `> file` can catch it
                spec.commandLine().getOut().println(issued.text());
                spec.commandLine().getErr().println("token " + issued.id() + " for user " + name
                        + ": shown once, keep it in a 0600 file or $ECLEDGER_TOKEN");
                return 0;
            });
        }
    }
}
