package io.ecledger.api.control;

import io.ecledger.ledger.config.ConfigItem;
import io.ecledger.ledger.config.ConfigModel;
import io.ecledger.ledger.config.ConfigValue;
import io.ecledger.ledger.config.OptionEffect;
import io.ecledger.ledger.event.ScopeStep;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the control listener serves, read once at start-up from the folded {@code Control_Listener} scope of
 * eccluster.conf: its {@code Listen} entries (a Unix socket path with its {@code file_mode}, or a TCP
 * {@code host:port}), {@code Enable_Authentication}, {@code Enable_Authorization} (either may also be set in one
 * {@code Listen}) and {@code Timeout}. {@code notes} say, for the start-up log, where anything came from.
 */
public record ListenerSettings(List<Endpoint> endpoints, Optional<Duration> timeout, List<String> notes) {

    /** Where the Unix socket is when eccluster.conf names none, as in Momentum's sample configuration. */
    public static final String DEFAULT_PATH = "/tmp/2025";
    /** The socket's mode when its {@code Listen} sets no {@code file_mode}: the owner and its group. */
    public static final String DEFAULT_FILE_MODE = "0660";

    private static final List<ScopeStep> SCOPE = List.of(ScopeStep.anonymous("Control_Listener"));
    private static final Set<String> TRUE = Set.of("true", "yes", "on", "1");

    /** Every option of the scope the listener obeys; each is read at start-up, so a change takes effect on restart. */
    public static final Map<String, OptionEffect> ACTED_ON = Map.of(
            "Control_Listener Enable_Authentication", OptionEffect.ON_RESTART,
            "Control_Listener Enable_Authorization", OptionEffect.ON_RESTART,
            "Control_Listener Timeout", OptionEffect.ON_RESTART,
            "Control_Listener Listen file_mode", OptionEffect.ON_RESTART,
            "Control_Listener Listen Enable_Authentication", OptionEffect.ON_RESTART,
            "Control_Listener Listen Enable_Authorization", OptionEffect.ON_RESTART);

    public ListenerSettings {
        endpoints = List.copyOf(endpoints);
        notes = List.copyOf(notes);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("the control listener needs at least one endpoint");
        }
    }

    /** One way in; every endpoint says whether it authenticates and whether roles are the policy's. */
    public sealed interface Endpoint permits Unix, Tcp {
        boolean authentication();

        boolean authorization();

        /** As the {@code Listen} instance is written: the path, or {@code host:port}. */
        String describe();
    }

    /** A Unix socket: the peer's credentials ({@code SO_PEERCRED}) say who connected, whatever the flags. */
    public record Unix(Path path, String fileMode, boolean authentication, boolean authorization) implements Endpoint {
        public Unix {
            path = path.toAbsolutePath();
            if (!fileMode.matches("0?[0-7]{3}")) {
                throw new IllegalArgumentException("control listener " + path + ": file_mode " + fileMode
                        + " is not an octal file mode such as 0660");
            }
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }

    /** A TCP address: no peer credentials, so with authentication a session first sends {@code \0auth TOKEN}. */
    public record Tcp(String host, int port, boolean authentication, boolean authorization) implements Endpoint {
        public Tcp {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("control listener " + host + ":" + port + ": no such port");
            }
        }

        @Override
        public String describe() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * The settings of the folded configuration; {@code pathOverride} (the YAML's {@code controlListener.path},
     * {@code ECLEDGER_CONTROL}), when given, replaces every {@code Listen} with that one Unix socket, so that several
     * managers of one machine (tests, {@code ops/smoke}) each have their own. Refused, with a message for the
     * start-up log, for a {@code Listen} that is neither a path nor {@code host:port}, and for a TCP address other
     * than loopback where {@code Enable_Authentication} is not true.
     */
    public static ListenerSettings from(ConfigModel model, Optional<String> pathOverride) {
        List<String> notes = new ArrayList<>();
        List<ConfigItem.Scope> listens = model.tree().scope(SCOPE).orElse(List.of()).stream()
                .filter(item -> item instanceof ConfigItem.Scope s && s.name().equalsIgnoreCase("Listen")
                        && s.instance().isPresent())
                .map(item -> (ConfigItem.Scope) item).toList();
        List<Endpoint> endpoints = new ArrayList<>();
        if (pathOverride.isPresent()) {
            String mode = listens.stream().filter(l -> isUnix(l.instance().orElseThrow()))
                    .map(l -> fileMode(model, l.step())).findFirst().orElse(DEFAULT_FILE_MODE);
            endpoints.add(new Unix(Path.of(pathOverride.get()), mode, flag(model, SCOPE, "Enable_Authentication"),
                    flag(model, SCOPE, "Enable_Authorization")));
            notes.add("controlListener.path (ECLEDGER_CONTROL) " + pathOverride.get() + " is served instead of the "
                    + listens.size() + " Listen entries of eccluster.conf's Control_Listener");
        } else if (listens.isEmpty()) {
            endpoints.add(new Unix(Path.of(DEFAULT_PATH), DEFAULT_FILE_MODE, flag(model, SCOPE, "Enable_Authentication"),
                    flag(model, SCOPE, "Enable_Authorization")));
            notes.add("eccluster.conf's Control_Listener has no Listen: serving the default " + DEFAULT_PATH);
        } else {
            for (ConfigItem.Scope listen : listens) {
                endpoints.add(endpoint(model, listen.step()));
            }
            notes.add("Listen entries from eccluster.conf's Control_Listener");
        }
        Optional<Duration> timeout = model.get(SCOPE, "Timeout").map(o -> seconds(o.value()));
        timeout.ifPresent(t -> notes.add("idle timeout " + t.toSeconds() + "s from Control_Listener Timeout "
                + "(controlListener.idleTimeout is not used)"));
        return new ListenerSettings(endpoints, timeout, notes);
    }

    private static Endpoint endpoint(ConfigModel model, ScopeStep listen) {
        List<ScopeStep> at = List.of(SCOPE.get(0), listen);
        String instance = listen.instance().orElseThrow();
        boolean authentication = flag(model, at, "Enable_Authentication");
        boolean authorization = flag(model, at, "Enable_Authorization");
        if (isUnix(instance)) {
            return new Unix(Path.of(instance), fileMode(model, listen), authentication, authorization);
        }
        int colon = instance.lastIndexOf(':');
        String host = instance.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(instance.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("control listener: Listen \"" + instance + "\" is neither a socket path "
                    + "nor host:port");
        }
        Tcp tcp = new Tcp(host, port, authentication, authorization);
        if (!authentication && !loopback(host)) {
            throw new IllegalStateException("control listener: Listen \"" + instance + "\" is not a loopback address "
                    + "and Enable_Authentication is not true, so anyone who can reach it could run every command; "
                    + "set Enable_Authentication = \"true\" in Control_Listener or listen on 127.0.0.1");
        }
        return tcp;
    }

    // an absolute or relative path; host:port has a colon and no slash
    private static boolean isUnix(String instance) {
        return instance.contains("/") || !instance.contains(":");
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("control listener: cannot resolve the Listen host " + host, e);
        }
    }

    private static String fileMode(ConfigModel model, ScopeStep listen) {
        ConfigModel.Evaluation mode = model.evaluate(List.of(SCOPE.get(0), listen), "file_mode");
        // the table's default is the log files' 0640; a socket without one of its own gets the listener's
        return mode.source().filter(source -> !source.equals("default")).flatMap(source -> mode.value())
                .map(ConfigValue::text).orElse(DEFAULT_FILE_MODE);
    }

    private static boolean flag(ConfigModel model, List<ScopeStep> at, String option) {
        return model.evaluate(at, option).value().map(ListenerSettings::scalar)
                .map(text -> TRUE.contains(text.toLowerCase(Locale.ROOT))).orElse(false);
    }

    private static Duration seconds(ConfigValue value) {
        try {
            return Duration.ofSeconds(Long.parseLong(scalar(value)));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("control listener: Timeout " + value.text() + " is not a number of seconds");
        }
    }

    private static String scalar(ConfigValue value) {
        return value instanceof ConfigValue.Scalar s ? s.value().replace("\"", "") : value.text();
    }
}
