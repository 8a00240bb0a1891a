package io.ecledger.ledger.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.re2j.Pattern;
import io.ecledger.ledger.command.Command;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may run which console command: roles of allow and deny rules, parsed from YAML text (the shape is described in
 * {@code default-policy.yaml}). Deny beats allow across every role of a caller; nothing allowed is denied by
 * {@link #DEFAULT_RULE}. Immutable.
 */
public final class CommandPolicy {

    /** The rule that refuses what no rule allows. */
    public static final String DEFAULT_RULE = "default: deny";

    /** The {@code osUsers:} key that stands for the OS user the manager runs as. */
    public static final String MANAGER_USER = "$manager";

    static final String RESOURCE = "/io/ecledger/ledger/policy/default-policy.yaml";

    private static final Set<String> TOP_KEYS = Set.of("roles", "osUsers");
    private static final Set<String> ROLE_KEYS = Set.of("description", "include", "allow", "deny");
    private static final Set<String> PATTERNED_CLASSES = Set.of("send", "retrieve");
    // the Names character set, narrowed: a role name is also a word in a rule name and a users file
    private static final Pattern ROLE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String text;
    private final Map<String, List<Rule>> rulesByRole;
    private final Map<String, Set<String>> osUsers;

    private CommandPolicy(String text, Map<String, List<Rule>> rulesByRole, Map<String, Set<String>> osUsers) {
        this.text = text;
        this.rulesByRole = rulesByRole;
        this.osUsers = osUsers;
    }

    /** The policy that ships: {@code io/ecledger/ledger/policy/default-policy.yaml}. */
    public static CommandPolicy standard() {
        return Standard.POLICY;
    }

    /** The text of the policy that ships, exactly as in the resource. */
    public static String standardText() {
        try (InputStream in = CommandPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default policy " + RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code yamlText}; {@link PolicyException} names the first thing wrong with it. */
    public static CommandPolicy parse(String yamlText) {
        Objects.requireNonNull(yamlText, "yamlText");
        JsonNode root;
        try {
            root = YAML.readTree(yamlText);
        } catch (JsonProcessingException e) {
            throw new PolicyException("policy is not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new PolicyException("policy must be a YAML mapping with roles: (and optionally osUsers:)");
        }
        requireKnownKeys(root, TOP_KEYS, "policy");
        JsonNode roles = root.get("roles");
        if (roles == null || !roles.isObject() || roles.isEmpty()) {
            throw new PolicyException("policy: roles: must be a mapping of at least one role");
        }
        Map<String, List<Rule>> own = new LinkedHashMap<>();
        Map<String, List<String>> includes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = roles.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> role = it.next();
            String name = role.getKey();
            if (!ROLE_NAME.matcher(name).matches()) {
                throw new PolicyException("role '" + name + "': a role name is lower-case letters, digits and '-', "
                        + "starting with a letter, at most 64 characters");
            }
            JsonNode body = role.getValue();
            if (!body.isObject()) {
                throw new PolicyException("role " + name + ": must be a mapping with allow:, deny:, include:");
            }
            requireKnownKeys(body, ROLE_KEYS, "role " + name);
            if (body.has("description") && !body.get("description").isTextual()) {
                throw new PolicyException("role " + name + ": description must be text");
            }
            List<Rule> rules = new ArrayList<>();
            rules.addAll(rules(name, Effect.ALLOW, body.get("allow")));
            rules.addAll(rules(name, Effect.DENY, body.get("deny")));
            own.put(name, rules);
            includes.put(name, words(body.get("include"), "role " + name + ": include"));
        }
        for (Map.Entry<String, List<String>> role : includes.entrySet()) {
            for (String included : role.getValue()) {
                if (!own.containsKey(included)) {
                    throw new PolicyException("role " + role.getKey() + " includes unknown role '" + included
                            + "'; roles are " + String.join(", ", own.keySet()));
                }
            }
        }
        Map<String, List<Rule>> effective = new LinkedHashMap<>();
        for (String role : own.keySet()) {
            Set<Rule> rules = new LinkedHashSet<>();
            collect(role, own, includes, new ArrayList<>(), rules);
            effective.put(role, List.copyOf(rules));
        }
        return new CommandPolicy(yamlText, Map.copyOf(effective), osUsers(root.get("osUsers"), own.keySet()));
    }

    /** The exact text this policy was parsed from. */
    public String text() {
        return text;
    }

    /** Hex SHA-256 of the UTF-8 bytes of {@link #text()}: what the ledger records next to the text. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JVM has SHA-256", e);
        }
    }

    /** The roles this policy defines. */
    public Set<String> roles() {
        return rulesByRole.keySet();
    }

    /**
     * The roles of a control-socket caller whose process runs as {@code osUserName}: those listed for the name, and for
     * {@link #MANAGER_USER} when it is the manager's own user; none when unlisted.
     */
    public Set<String> rolesOfOsUser(String osUserName) {
        Objects.requireNonNull(osUserName, "osUserName");
        Set<String> roles = new TreeSet<>();
        // "$manager" is a placeholder, never a user: a process named so must not get the manager's roles
        if (!osUserName.equals(MANAGER_USER)) {
            roles.addAll(osUsers.getOrDefault(osUserName, Set.of()));
        }
        if (osUserName.equals(System.getProperty("user.name"))) {
            roles.addAll(osUsers.getOrDefault(MANAGER_USER, Set.of()));
        }
        return Set.copyOf(roles);
    }

    /** Whether a caller holding {@code roles} may run {@code command}. */
    public Decision decide(Set<String> roles, Command command) {
        String commandClass = CommandClasses.of(command);
        if (command instanceof Command.Send) {
            Command.Send send = (Command.Send) command;
            String target = send.target().describe();
            return decide(roles, commandClass, Optional.of(send.commandText()), Optional.of(target),
                    "send '" + send.commandText() + "' to " + target);
        }
        if (command instanceof Command.Retrieve) {
            Command.Retrieve retrieve = (Command.Retrieve) command;
            String target = retrieve.target().describe();
            return decide(roles, commandClass, Optional.of(retrieve.commandText()), Optional.of(target),
                    "retrieve '" + retrieve.commandText() + "' from " + target);
        }
        return decide(roles, commandClass, Optional.empty(), Optional.empty(), "run '" + command.verb() + "'");
    }

    /**
     * Whether a caller holding {@code roles} may use {@code commandClass}, for requests that are no console command
     * (e.g. {@code export}); only rules without a text or target pattern match.
     */
    public Decision decide(Set<String> roles, String commandClass) {
        if (!CommandClasses.ALL.contains(commandClass)) {
            throw new IllegalArgumentException("unknown command class '" + commandClass + "'");
        }
        return decide(roles, commandClass, Optional.empty(), Optional.empty(), "use " + commandClass);
    }

    private Decision decide(Set<String> roles, String commandClass, Optional<String> text, Optional<String> target,
            String action) {
        Set<Rule> rules = new LinkedHashSet<>();
        for (String role : new TreeSet<>(roles)) {
            rules.addAll(rulesByRole.getOrDefault(role, List.of()));
        }
        for (Rule rule : rules) {
            if (rule.effect() == Effect.DENY && rule.matches(commandClass, text, target)) {
                return new Decision.Denied(rule.name(),
                        "role " + rule.role() + " may not " + action + ": rule " + rule.name());
            }
        }
        for (Rule rule : rules) {
            if (rule.effect() == Effect.ALLOW && rule.matches(commandClass, text, target)) {
                return new Decision.Allowed(rule.name());
            }
        }
        String who = roles.isEmpty() ? "a caller with no role"
                : (roles.size() == 1 ? "role " : "roles ") + String.join(", ", new TreeSet<>(roles));
        return new Decision.Denied(DEFAULT_RULE, who + " may not " + action + ": no rule allows it (rule "
                + DEFAULT_RULE + ")");
    }

    @Override
    public String toString() {
        return "CommandPolicy[roles=" + roles() + ", sha256=" + sha256() + "]";
    }

    // ---- parsing ----------------------------------------------------------------------------------------------

    private static void collect(String role, Map<String, List<Rule>> own, Map<String, List<String>> includes,
            List<String> path, Set<Rule> into) {
        if (path.contains(role)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(role), path.size()));
            cycle.add(role);
            throw new PolicyException("role " + role + " includes itself: " + String.join(" -> ", cycle));
        }
        path.add(role);
        into.addAll(own.get(role));
        for (String included : includes.get(role)) {
            collect(included, own, includes, path, into);
        }
        path.remove(path.size() - 1);
    }

    private static List<Rule> rules(String role, Effect effect, JsonNode list) {
        String where = "role " + role + ": " + effect.word;
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new PolicyException(where + " must be a list of rules");
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode entry : list) {
            rules.add(rule(role, effect, entry, where));
        }
        return rules;
    }

    private static Rule rule(String role, Effect effect, JsonNode entry, String where) {
        if (entry.isTextual()) {
            return new Rule(role, effect, commandClass(entry.asText(), where), Optional.empty(), Optional.empty());
        }
        if (!entry.isObject()) {
            throw new PolicyException(where + ": a rule is a command class or a mapping like {send: \"PATTERN\", "
                    + "to: \"TARGET\"}, not " + entry.getNodeType().toString().toLowerCase());
        }
        List<String> classKeys = new ArrayList<>();
        for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("to")) {
                classKeys.add(key);
            }
        }
        if (classKeys.size() != 1) {
            throw new PolicyException(where + ": a rule mapping has one command class key (send or retrieve) and "
                    + "optionally to:, got " + classKeys);
        }
        String commandClass = commandClass(classKeys.get(0), where);
        if (!PATTERNED_CLASSES.contains(commandClass)) {
            throw new PolicyException(where + ": unknown key '" + commandClass + "' in a rule; only "
                    + String.join(" and ", new TreeSet<>(PATTERNED_CLASSES)) + " take a pattern");
        }
        Glob text = Glob.of(textual(entry.get(commandClass), where + " " + commandClass), where + " " + commandClass);
        Optional<Glob> to = entry.has("to")
                ? Optional.of(Glob.of(textual(entry.get("to"), where + " to"), where + " to"))
                : Optional.empty();
        return new Rule(role, effect, commandClass, Optional.of(text), to);
    }

    private static String commandClass(String word, String where) {
        if (!word.equals("*") && !CommandClasses.ALL.contains(word)) {
            throw new PolicyException(where + ": unknown command class '" + word + "'; classes are * and "
                    + String.join(", ", new TreeSet<>(CommandClasses.ALL)));
        }
        return word;
    }

    private static String textual(JsonNode node, String where) {
        if (node == null || !node.isTextual()) {
            throw new PolicyException(where + ": the pattern must be text in quotes");
        }
        return node.asText();
    }

    private static Map<String, Set<String>> osUsers(JsonNode section, Set<String> roles) {
        if (section == null || section.isNull()) {
            return Map.of();
        }
        if (!section.isObject()) {
            throw new PolicyException("osUsers: must be a mapping of OS user name to a list of roles");
        }
        Map<String, Set<String>> users = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> user = it.next();
            List<String> userRoles = words(user.getValue(), "osUsers: " + user.getKey());
            for (String role : userRoles) {
                if (!roles.contains(role)) {
                    throw new PolicyException("osUsers: " + user.getKey() + " has unknown role '" + role
                            + "'; roles are " + String.join(", ", roles));
                }
            }
            users.put(user.getKey(), Set.copyOf(userRoles));
        }
        return Map.copyOf(users);
    }

    /** A list of words, or one word alone. */
    private static List<String> words(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw new PolicyException(where + " must be a list of role names");
        }
        List<String> words = new ArrayList<>();
        for (JsonNode word : node) {
            if (!word.isTextual()) {
                throw new PolicyException(where + " must be a list of role names, got " + word);
            }
            words.add(word.asText());
        }
        return words;
    }

    private static void requireKnownKeys(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new PolicyException(where + ": unknown key '" + key + "'; expected "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    private enum Effect {
        ALLOW("allow"), DENY("deny");

        final String word;

        Effect(String word) {
            this.word = word;
        }
    }

    /** One allow or deny rule of a role; its name is what a refusal shows. */
    private record Rule(String role, Effect effect, String commandClass, Optional<Glob> text, Optional<Glob> to) {

        String name() {
            StringBuilder name = new StringBuilder(role).append(": ").append(effect.word).append(' ').append(commandClass);
            text.ifPresent(glob -> name.append(" \"").append(glob.text()).append('"'));
            to.ifPresent(glob -> name.append(" to \"").append(glob.text()).append('"'));
            return name.toString();
        }

        boolean matches(String actualClass, Optional<String> actualText, Optional<String> actualTarget) {
            if (!commandClass.equals("*") && !commandClass.equals(actualClass)) {
                return false;
            }
            if (text.isPresent() && (actualText.isEmpty() || !text.get().matches(actualText.get()))) {
                return false;
            }
            return to.isEmpty() || actualTarget.isPresent() && to.get().matches(actualTarget.get());
        }
    }

    // loaded on first use, so a broken resource fails the caller that asked, with its message
    private static final class Standard {
        static final CommandPolicy POLICY = parse(standardText());
    }
}
