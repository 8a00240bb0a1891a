package io.ecledger.api.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecledger.api.auth.User;
import io.ecledger.api.command.CommandLookup;
import io.ecledger.api.follow.Followers;
import io.ecledger.api.retrieve.Results;
import io.ecledger.api.console.ConsoleService;
import io.ecledger.api.console.Handlers;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.config.ConfigModel;
import io.ecledger.ledger.config.ConfigParser;
import io.ecledger.ledger.config.ConfigSchema;
import io.ecledger.ledger.policy.CommandPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control listener over raw socket bytes, serving what a temporary eccluster.conf's {@code Control_Listener}
 * says, in front of a console whose every command answers who ran it ({@code ACTOR [ROLES]}) and counts the lines
 * that reached it: a line that never reaches the console is a line that appended nothing.
 */
class ListenScopeIT {

    private static final String ME = System.getProperty("user.name");
    /** The shipped policy's osUsers: root and the manager's own user (this JVM's) are admin. */
    private static final OsUserRoles DEFAULT_POLICY = user -> CommandPolicy.standard().rolesOfOsUser(user);
    private static final TokenCheck ONE_TOKEN = token -> token.equals("s3cret-token")
            ? Optional.of(new User("carol", Set.of("operator"))) : Optional.empty();

    @TempDir
    Path directory;

    private final AtomicInteger reachedTheConsole = new AtomicInteger();
    private final List<ControlListener> started = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (ControlListener listener : started) {
            listener.stop();
        }
    }

    @Test
    void everyListenEntryOfTheFileIsServedWithItsFileMode() throws Exception {
        Path socket = directory.resolve("ctl");
        ControlListener listener = start("""
                Control_Listener {
                  Enable_Authentication = "false"
                  Enable_Authorization = "false"
                  Listen "%s" {
                    file_mode = 0600
                  }
                  Listen "127.0.0.1:0" {
                  }
                }
                """.formatted(socket), DEFAULT_POLICY, TokenCheck.REFUSE_ALL);

        assertThat(listener.bound()).hasSize(2);
        assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (RawSession unix = RawSession.unix(socket); RawSession tcp = RawSession.tcp(tcpPort(listener))) {
            assertThat(unix.send("version")).isEqualTo(new RawSession.Frame(ME + " [admin]", "OK"));
            assertThat(tcp.send("version").text()).matches("anonymous@127\\.0\\.0\\.1:\\d+ \\[admin\\]");
        }
    }

    @Test
    void aTcpSessionWithAuthenticationIsRefusedEveryLineBeforeAGoodTokenAndAfterABadOne() throws Exception {
        ControlListener listener = start("""
                Control_Listener {
                  Enable_Authentication = "true"
                  Enable_Authorization = "true"
                  Listen "127.0.0.1:0" {
                  }
                }
                """, DEFAULT_POLICY, ONE_TOKEN);

        try (RawSession tcp = RawSession.tcp(tcpPort(listener))) {
            RawSession.Frame first = tcp.send("broadcast version");
            RawSession.Frame protocol = tcp.send("\0completions");
            RawSession.Frame keyed = tcp.send("\0key abc\nbroadcast version");
            RawSession.Frame badToken = tcp.send("\0auth s3cret-tokeN");
            RawSession.Frame afterBadToken = tcp.send("shutdown");

            RawSession.Frame refusal = new RawSession.Frame("authenticate first: send \\0auth TOKEN; the line was not run",
                    "REFUSED");
            assertThat(List.of(first, protocol, keyed, afterBadToken)).containsOnly(refusal);
            assertThat(badToken).isEqualTo(new RawSession.Frame("authentication failed: no such token; send \\0auth TOKEN",
                    "REFUSED"));
            assertThat(reachedTheConsole).as("no line reached the console").hasValue(0);

            assertThat(tcp.send("\0auth s3cret-token")).isEqualTo(new RawSession.Frame("authenticated as carol", "OK"));
            assertThat(tcp.send("version")).isEqualTo(new RawSession.Frame("carol [operator]", "OK"));
            assertThat(tcp.send("\0auth other").text()).isEqualTo("already authenticated as carol; a session is one identity");
        }
    }

    @Test
    void aTcpSessionGuessingTokensIsClosedAfterTheThirdWrongOne() throws Exception {
        ControlListener listener = start("""
                Control_Listener {
                  Enable_Authentication = "true"
                  Listen "127.0.0.1:0" {
                  }
                }
                """, DEFAULT_POLICY, ONE_TOKEN);

        try (RawSession tcp = RawSession.tcp(tcpPort(listener))) {
            assertThat(tcp.send("\0auth a").status()).isEqualTo("REFUSED");
            assertThat(tcp.send("\0auth b").status()).isEqualTo("REFUSED");
            assertThat(tcp.send("\0auth c")).isEqualTo(new RawSession.Frame(
                    "authentication failed 3 times; closing the connection", "REFUSED"));

            assertThat(tcp.closed()).isTrue();
        }
        assertThat(reachedTheConsole).hasValue(0);
    }

    @Test
    void aTcpSessionWithoutAuthenticationIsAnonymousWithNoRoles() throws Exception {
        ControlListener listener = start("""
                Control_Listener {
                  Enable_Authentication = "false"
                  Enable_Authorization = "true"
                  Listen "127.0.0.1:0" {
                  }
                }
                """, DEFAULT_POLICY, ONE_TOKEN);

        try (RawSession tcp = RawSession.tcp(tcpPort(listener))) {
            assertThat(tcp.send("version").text()).matches("anonymous@127\\.0\\.0\\.1:\\d+ \\[\\]");
            assertThat(tcp.send("\0auth s3cret-token").status()).as("no token makes it someone").isEqualTo("REFUSED");
        }
    }

    @Test
    void theRolesOfAUnixSessionAreWhatOsUserRolesGivesItsPeersOsUser() throws Exception {
        Path socket = directory.resolve("ctl");
        List<String> asked = new ArrayList<>();
        OsUserRoles policy = user -> {
            asked.add(user);
            return Set.of("viewer", "auditor");
        };
        start("""
                Control_Listener {
                  Enable_Authentication = "true"
                  Enable_Authorization = "true"
                  Listen "%s" {
                  }
                }
                """.formatted(socket), policy, ONE_TOKEN);

        try (RawSession unix = RawSession.unix(socket)) {
            assertThat(unix.send("version")).isEqualTo(new RawSession.Frame(ME + " [auditor, viewer]", "OK"));
            assertThat(unix.send("\0auth s3cret-token").status()).as("peer credentials, not tokens").isEqualTo("REFUSED");
        }
        assertThat(asked).containsExactly(ME);
        assertThat(Files.getPosixFilePermissions(socket)).as("no file_mode: the listener's 0660")
                .isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
    }

    @Test
    void withoutAuthorizationEverySessionIsAdminWhateverThePolicySays() throws Exception {
        Path socket = directory.resolve("ctl");
        start("""
                Control_Listener {
                  Enable_Authentication = "true"
                  Enable_Authorization = "false"
                  Listen "%s" {
                  }
                }
                """.formatted(socket), user -> Set.of(), ONE_TOKEN);

        try (RawSession unix = RawSession.unix(socket)) {
            assertThat(unix.send("version")).isEqualTo(new RawSession.Frame(ME + " [admin]", "OK"));
        }
    }

    @Test
    void aTcpAddressOtherThanLoopbackWithoutAuthenticationRefusesToStart() throws Exception {
        Path socket = directory.resolve("ctl");
        ControlListener listener = listener("""
                Control_Listener {
                  Enable_Authentication = "false"
                  Listen "%s" {
                  }
                  Listen "0.0.0.0:0" {
                  }
                }
                """.formatted(socket), user -> Set.of(), ONE_TOKEN);

        assertThatThrownBy(listener::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("control listener: Listen \"0.0.0.0:0\" is not a loopback address and "
                        + "Enable_Authentication is not true, so anyone who can reach it could run every command; "
                        + "set Enable_Authentication = \"true\" in Control_Listener or listen on 127.0.0.1");
        assertThat(socket).as("nothing bound").doesNotExist();
        assertThat(listener.bound()).isEmpty();
    }

    private ControlListener start(String conf, OsUserRoles roles, TokenCheck tokens) throws Exception {
        ControlListener listener = listener(conf, roles, tokens);
        listener.start();
        started.add(listener);
        return listener;
    }

    private ControlListener listener(String conf, OsUserRoles roles, TokenCheck tokens) throws IOException {
        Path file = Files.writeString(directory.resolve("eccluster.conf"), conf);
        ConfigModel model = ConfigModel.of(ConfigParser.parse(file), ConfigSchema.standard());
        // no views behind it: these sessions never get as far as a command
        return new ControlListener(new ControlListenerFactory(), () -> model, whoAmI(), new CommandLookup(null,
                Clock.systemUTC()), new Followers(new Results(null), Clock.systemUTC()), new ObjectMapper(), roles, tokens);
    }

    /** Every command answers {@code ACTOR [ROLES]}, roles sorted, and counts itself. */
    private ConsoleService whoAmI() {
        Handlers handlers = Handlers.of(builder -> Handlers.commandTypes().forEach(type -> answerCaller(builder, type)));
        return new ConsoleService(Grammar.standard(), handlers, () -> {
            throw new AssertionError("no completions here");
        }, (caller, command, line) -> { });
    }

    private <C extends Command> void answerCaller(Handlers.Builder builder, Class<C> type) {
        builder.on(type, (command, caller) -> {
            reachedTheConsole.incrementAndGet();
            return caller.actor() + " " + new TreeSet<>(caller.roles());
        });
    }

    private static int tcpPort(ControlListener listener) {
        return listener.bound().stream().map(ControlListener.Bound::address)
                .filter(InetSocketAddress.class::isInstance).map(a -> ((InetSocketAddress) a).getPort())
                .findFirst().orElseThrow();
    }
}
