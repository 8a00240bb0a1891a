package io.ecledger.ledger.config;

import io.ecledger.ledger.event.ScopeStep;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The table of known scopes and options. Unknown options in a known scope are accepted as strings (Momentum
 * modules add their own); a known option is checked for its type and for the scopes it is valid in.
 */
public final class ConfigSchema {

    /** The scope kind of the top level, in {@link KnownOption#scopes()} and {@link ScopeKind#parents()}. */
    public static final String GLOBAL = "(global)";

    private static final Set<String> LISTENERS =
            Set.of("Control_Listener", "ESMTP_Listener", "ECStream_Listener", "ECCluster_Listener", "HTTP_Listener");
    private static final Set<String> DELIVERY =
            Set.of(GLOBAL, "ESMTP_Listener", "Listen", "Peer", "Pathway", "Pathway_Group", "Binding", "Binding_Group", "Domain");

    private final Map<String, ScopeKind> scopes = new LinkedHashMap<>();
    private final Map<String, KnownOption> options = new LinkedHashMap<>();
    // "scope kind … option", lower case, to what the program does with it; absent: the table says nothing of effects
    private final Optional<Map<String, OptionEffect>> effects;

    private ConfigSchema(List<ScopeKind> scopes, List<KnownOption> options) {
        this(scopes, options, Optional.empty());
    }

    private ConfigSchema(List<ScopeKind> scopes, List<KnownOption> options, Optional<Map<String, OptionEffect>> effects) {
        scopes.forEach(s -> this.scopes.put(ConfigItem.key(s.name()), s));
        options.forEach(o -> this.options.put(ConfigItem.key(o.name()), o));
        this.effects = effects.map(Map::copyOf);
    }

    /**
     * This table for a program that acts on exactly {@code actedOn}, each keyed by the scope kinds leading to the
     * option and the option, e.g. {@code "Control_Listener Listen file_mode"}; every other option is
     * {@link OptionEffect#NOT_ACTED_ON}.
     */
    public ConfigSchema actingOn(Map<String, OptionEffect> actedOn) {
        Map<String, OptionEffect> keyed = new LinkedHashMap<>();
        actedOn.forEach((where, effect) -> keyed.put(effectKey(where), effect));
        return new ConfigSchema(List.copyOf(scopes.values()), List.copyOf(options.values()), Optional.of(keyed));
    }

    /**
     * This table acting on what it already acts on and on {@code more}, keyed as in {@link #actingOn}: each feature
     * of a program names its own options. Refused when both name one option, so no feature's word is silently lost.
     */
    public ConfigSchema alsoActingOn(Map<String, OptionEffect> more) {
        Map<String, OptionEffect> union = new LinkedHashMap<>(effects.orElse(Map.of()));
        more.forEach((where, effect) -> {
            String key = effectKey(where);
            if (union.putIfAbsent(key, effect) != null) {
                throw new IllegalArgumentException("option " + where + " is already acted on as " + union.get(key)
                        + "; name it in one map only");
            }
        });
        return actingOn(union);
    }

    private static String effectKey(String where) {
        return ConfigItem.key(where.strip().replaceAll("\\s+", " "));
    }

    /**
     * What setting {@code option} in the scope at {@code path} does; empty when this table was not told what its
     * program acts on (a node's table).
     */
    public Optional<OptionEffect> effect(List<ScopeStep> path, String option) {
        return effects.map(known -> {
            StringBuilder key = new StringBuilder();
            path.forEach(step -> key.append(ConfigItem.key(step.name())).append(' '));
            return known.getOrDefault(key.append(ConfigItem.key(option)).toString(), OptionEffect.NOT_ACTED_ON);
        });
    }

    /** A table of exactly these scopes and options. */
    public static ConfigSchema of(List<ScopeKind> scopes, List<KnownOption> options) {
        return new ConfigSchema(scopes, options);
    }

    /** The scopes and options of eccluster.conf and ecelerity.conf that ecledger knows. */
    public static ConfigSchema standard() {
        return new ConfigSchema(List.of(
                anonymous("Security"), anonymous("Logs"), anonymous("cluster"),
                anonymous("Control_Listener"), anonymous("ESMTP_Listener"), anonymous("ECStream_Listener"),
                anonymous("ECCluster_Listener"), anonymous("HTTP_Listener"),
                new ScopeKind("Listen", true, LISTENERS),
                new ScopeKind("Peer", true, Set.of("ESMTP_Listener", "Listen")),
                new ScopeKind("Pathway", true, Set.of(GLOBAL, "ESMTP_Listener", "Listen", "Peer", "Pathway_Group")),
                new ScopeKind("Pathway_Group", true, Set.of(GLOBAL, "ESMTP_Listener", "Listen", "Peer")),
                new ScopeKind("Binding", true, Set.of(GLOBAL)),
                new ScopeKind("Binding_Group", true, Set.of(GLOBAL)),
                new ScopeKind("Domain", true, Set.of(GLOBAL, "Binding", "Binding_Group")),
                new ScopeKind("ec_logger", true, Set.of(GLOBAL)),
                new ScopeKind("Threadpool", true, Set.of(GLOBAL)),
                anonymous("Web_UI"),
                // named as in Momentum's Datasource "ecdb", where its installer writes the database location
                new ScopeKind("Datasource", true, Set.of(GLOBAL))),
                List.of(
                        option("Server_Name", OptionType.STRING, null, GLOBAL),
                        option("Server_Max_File_Descriptors", OptionType.INTEGER, "1024", GLOBAL),
                        option("Keep_Message_Dicts_In_Memory", OptionType.BOOLEAN, "false", GLOBAL),
                        option("Debug_Level", OptionType.STRING, "error", GLOBAL),
                        option("Max_Resident_Active_Queue", OptionType.INTEGER, "250", GLOBAL),
                        new KnownOption("Max_Outbound_Connections", OptionType.INTEGER,
                                Optional.of(new ConfigValue.Scalar("20000")), DELIVERY),
                        new KnownOption("Relay_Hosts", OptionType.STRING, Optional.empty(), DELIVERY),
                        new KnownOption("Banner", OptionType.STRING, Optional.empty(), DELIVERY),
                        option("User", OptionType.STRING, null, "Security"),
                        option("Group", OptionType.STRING, null, "Security"),
                        option("logfile", OptionType.STRING, null, "Logs"),
                        option("dir_mode", OptionType.FILE_MODE, "0755", "Logs"),
                        option("file_mode", OptionType.FILE_MODE, "0640", "Logs", "Listen"),
                        option("Timeout", OptionType.SECONDS, "60", "Control_Listener", "Listen"),
                        // true where the file says nothing, unlike the original: an empty eccluster.conf must not open
                        // the control socket to every local user as admin
                        option("Enable_Authentication", OptionType.BOOLEAN, "true", "Control_Listener", "Listen"),
                        option("Enable_Authorization", OptionType.BOOLEAN, "true", "Control_Listener", "Listen"),
                        option("AuthDigestMD5Parameters", OptionType.HASH, null, "Control_Listener", "Listen"),
                        option("AuthorizationParameters", OptionType.HASH, null, "Control_Listener", "Listen"),
                        option("mainlog", OptionType.STRING, null, "ec_logger"),
                        option("paniclog", OptionType.STRING, null, "ec_logger"),
                        option("rejectlog", OptionType.STRING, null, "ec_logger"),
                        option("acctlog", OptionType.STRING, null, "ec_logger"),
                        option("heartbeat", OptionType.INTEGER, "0", "ec_logger"),
                        option("cluster_group", OptionType.STRING, null, "cluster"),
                        option("control_group", OptionType.STRING, null, "cluster"),
                        option("concurrency", OptionType.INTEGER, "1", "Threadpool"),
                        // no default: the web console is served on the REST port whatever this says
                        option("Listen", OptionType.STRING, null, "Web_UI"),
                        option("Session_Timeout", OptionType.SECONDS, "1800", "Web_UI"),
                        option("Session_Lifetime", OptionType.SECONDS, "43200", "Web_UI"),
                        option("Password_Sign_In", OptionType.BOOLEAN, "true", "Web_UI"),
                        option("Token_Sign_In", OptionType.BOOLEAN, "true", "Web_UI"),
                        option("Max_Sessions", OptionType.INTEGER, "256", "Web_UI"),
                        option("uri", OptionType.STRING, null, "Datasource"),
                        option("driver", OptionType.STRING, null, "Datasource")));
    }

    private static ScopeKind anonymous(String name) {
        return new ScopeKind(name, false, Set.of(GLOBAL));
    }

    private static KnownOption option(String name, OptionType type, String defaultValue, String... scopes) {
        return new KnownOption(name, type, Optional.ofNullable(defaultValue).map(ConfigValue.Scalar::new), Set.of(scopes));
    }

    /** The known scope kind named {@code name}, any case. */
    public Optional<ScopeKind> scope(String name) {
        return Optional.ofNullable(scopes.get(ConfigItem.key(name)));
    }

    /** The known option named {@code name}, any case. */
    public Optional<KnownOption> option(String name) {
        return Optional.ofNullable(options.get(ConfigItem.key(name)));
    }

    /** Every known option, in table order. */
    public List<KnownOption> options() {
        return List.copyOf(options.values());
    }

    /** Every known scope kind, in table order. */
    public List<ScopeKind> scopes() {
        return List.copyOf(scopes.values());
    }
}
