package io.ecledger.console;

import io.ecledger.console.client.ManagerClient;
import io.ecledger.console.client.Tls;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.token.ClientToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code ec_console [-e LINE]... [--wait[=SECONDS]] [ENDPOINT]}: the interactive console on a terminal, the scripted
 * one when standard input is not a terminal or lines are given with {@code -e}.
 */
public final class EcConsole {

    /** The history file; {@code ECLEDGER_CONSOLE_HISTORY} in the environment does the same. */
    public static final String HISTORY_PROPERTY = "ecledger.console.history";

    static final String USAGE = """
            usage: ec_console [-e LINE]... [--wait[=SECONDS]] [ENDPOINT]
              ENDPOINT          the control listener's socket (default /tmp/2025), or the manager's REST
                                address: http://host:port or host:port
              -e LINE           run LINE (repeatable) and exit, like a piped script
              --token-file FILE the REST token, in a 0600 file (default: $ECLEDGER_TOKEN, else
                                ~/.config/ecledger/token, which ops/up writes); never a command-line value
              --ca-file PEM     for https: trust the certificates in PEM (default: $ECLEDGER_CA_FILE, else the JDK's)
              --wait[=SECONDS]  after broadcast, unicast and subcluster broadcast, wait until every node has
                                answered (at most SECONDS, default 30) and show the retrieve view
              -h, --help        this text
            Without a terminal on standard input the lines are read from it; the exit status is 0 when every
            line was answered, 1 when a line was refused, 2 on bad usage, 3 when the manager cannot be reached.
            """;

    private EcConsole() {}

    public static void main(String[] args) {
        boolean terminal = System.console() != null;
        System.exit(run(args, System.in, System.out, System.err, terminal));
    }

    /** Runs the console; answers the exit status. {@code terminal}: standard input and output are a terminal. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean terminal) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("ec_console: " + e.getMessage());
            err.print(USAGE);
            return ScriptedConsole.USAGE;
        }
        if (options.help()) {
            out.print(USAGE);
            return ScriptedConsole.OK;
        }
        Optional<String> token = Optional.empty();
        Optional<SSLContext> tls = Optional.empty();
        if (ManagerClient.isHttp(options.endpoint())) {
            try {
                token = ClientToken.find(System.getenv(), options.tokenFile());
                Optional<Path> ca = options.caFile().or(() -> Optional.ofNullable(System.getenv(Tls.CA_ENV))
                        .filter(name -> !name.isBlank()).map(Path::of));
                tls = ca.map(Tls::trusting);
            } catch (IllegalArgumentException e) {
                err.println("ec_console: " + e.getMessage());
                return ScriptedConsole.USAGE;
            }
        }
        try (ManagerClient client = ManagerClient.forEndpoint(options.endpoint(), token, tls)) {
            ConsoleSession session = new ConsoleSession(client, Grammar.standard(), options.waitFor());
            if (!options.lines().isEmpty()) {
                return new ScriptedConsole(session, out, err).run(options.lines());
            }
            if (!terminal) {
                return new ScriptedConsole(session, out, err)
                        .run(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            }
            try (Terminal system = TerminalBuilder.builder().system(true).build()) {
                return new InteractiveConsole(system, session, historyFile(), Clock.systemDefaultZone()).run();
            } catch (IOException e) {
                err.println("ec_console: no terminal: " + e.getMessage());
                return ScriptedConsole.USAGE;
            }
        }
    }

    static Path historyFile() {
        String configured = System.getProperty(HISTORY_PROPERTY, System.getenv("ECLEDGER_CONSOLE_HISTORY"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".ecledger_history");
    }

    /** The command line, read by hand: {@code --wait} takes its seconds only as {@code --wait=SECONDS}. */
    record Options(String endpoint, List<String> lines, Optional<Duration> waitFor, boolean help,
            Optional<Path> tokenFile, Optional<Path> caFile) {

        static Options parse(String[] args) {
            String endpoint = null;
            List<String> lines = new ArrayList<>();
            Optional<Duration> wait = Optional.empty();
            boolean help = false;
            Optional<Path> tokenFile = Optional.empty();
            Optional<Path> caFile = Optional.empty();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--token-file") || arg.equals("--ca-file")) {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException(arg + " needs a file");
                    }
                    Optional<Path> file = Optional.of(Path.of(args[++i]));
                    if (arg.equals("--token-file")) {
                        tokenFile = file;
                    } else {
                        caFile = file;
                    }
                } else if (arg.equals("--token")) {
                    throw new IllegalArgumentException("--token: a token on the command line is visible to every local "
                            + "user (ps); use --token-file FILE or $ECLEDGER_TOKEN");
                } else if (arg.equals("-e") || arg.equals("--execute")) {
                    if (i + 1 == args.length) {
                        throw new IllegalArgumentException(arg + " needs a line to run");
                    }
                    lines.add(args[++i]);
                } else if (arg.equals("--wait") || arg.startsWith("--wait=")) {
                    String seconds = arg.equals("--wait") ? null : arg.substring("--wait=".length());
                    wait = ConsoleSession.parseWait(seconds);
                    if (wait.isEmpty()) {
                        throw new IllegalArgumentException("--wait: '" + seconds + "' is not a whole number of seconds");
                    }
                } else if (arg.equals("-h") || arg.equals("--help")) {
                    help = true;
                } else if (arg.startsWith("-") && arg.length() > 1) {
                    throw new IllegalArgumentException("unknown option " + arg);
                } else if (endpoint == null) {
                    endpoint = arg;
                } else {
                    throw new IllegalArgumentException("one ENDPOINT only, got '" + endpoint + "' and '" + arg + "'");
                }
            }
            return new Options(endpoint == null ? ManagerClient.DEFAULT_ENDPOINT : endpoint, lines, wait, help, tokenFile,
                    caFile);
        }
    }
}
