package io.ecledger.ledger.config;

import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.ConfigVerb;
import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.event.ScopeStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * A configuration as {@code config} commands see it: a base tree with {@link ConfigChanged} events folded over it,
 * and the option table. Immutable: {@link #apply} returns a new model.
 *
 * <p>Answers, one line per item, the same on the console, over REST and on the nodes:
 * <ul>
 *   <li>{@code config get}: {@code NAME = VALUE}, or {@code NAME is not set in SCOPE};</li>
 *   <li>{@code config eval}: {@code NAME = VALUE  # set here | # from SCOPE | # default}, or
 *       {@code NAME is not set and has no default};</li>
 *   <li>{@code config show}: every option set in that scope, {@code NAME = VALUE}; with an option, its line only;
 *       {@code  # not acted on} after an option the program does not act on, when the table says what it acts on;</li>
 *   <li>{@code config showrecurse}: the scope and everything nested, in file syntax;</li>
 *   <li>{@code config locate}: one scope path per line, typed as {@code config} takes it, e.g.
 *       {@code Control_Listener Listen "/tmp/2025"};</li>
 *   <li>{@code config history}: {@code OFFSET TIME ACTOR ORIGIN set NAME = VALUE | unset NAME}.</li>
 * </ul>
 * Values are written in file syntax ({@code 0666}, {@code "/tmp/2025"}); a scope path is written as its scope words,
 * instances quoted, the top level as {@code (global)}.
 */
public final class ConfigModel {

    private final ConfigTree tree;
    private final ConfigSchema schema;

    private ConfigModel(ConfigTree tree, ConfigSchema schema) {
        this.tree = tree;
        this.schema = schema;
    }

    /** {@code base} with nothing folded over it yet. */
    public static ConfigModel of(ConfigTree base, ConfigSchema schema) {
        return new ConfigModel(base, schema);
    }

    /** The folded configuration, comments of the base kept. */
    public ConfigTree tree() {
        return tree;
    }

    /** The option table. */
    public ConfigSchema schema() {
        return schema;
    }

    /** The configuration after {@code change}; unsetting what is not set changes nothing. */
    public ConfigModel apply(ConfigChanged change) {
        if (change.action() == ConfigChanged.Action.SET) {
            return new ConfigModel(tree.set(change.scopePath(), change.option(), ledgerValue(change.value().orElseThrow())),
                    schema);
        }
        return new ConfigModel(tree.unset(change.scopePath(), change.option()), schema);
    }

    /** {@link #apply} of every change, in order. */
    public ConfigModel applyAll(List<ConfigChanged> changes) {
        ConfigModel model = this;
        for (ConfigChanged change : changes) {
            model = model.apply(change);
        }
        return model;
    }

    /** The folded configuration as file text: what {@code config writeback} writes. */
    public String writeback() {
        return ConfigWriter.write(tree);
    }

    // ---- commands -------------------------------------------------------------------------------------------

    /** The validated event for a {@code config set} or {@code config unset}; refused when invalid, changing nothing. */
    public ConfigChanged change(Command.Config command) {
        ConfigVerb verb = command.configVerb();
        if (verb != ConfigVerb.SET && verb != ConfigVerb.UNSET) {
            throw new IllegalArgumentException(command.verb() + " changes nothing");
        }
        String option = command.option().orElseThrow();
        refuseHostile(verb, command.scopeWords(), option, command.value());
        List<ScopeStep> path = resolve(command.scopeWords());
        Optional<KnownOption> known = schema.option(option);
        // Listen is an option of Web_UI and a scope of the listeners: anywhere it is no option, it is the scope
        if (schema.scope(option).isPresent() && (known.isEmpty() || !known.get().validIn(kindOf(path)))) {
            throw new ConfigRefusedException("invalid-option", "config " + verb.word() + ": " + schema.scope(option).get().name()
                    + " is a scope, not an option");
        }
        String canonical = known.map(KnownOption::name).orElse(option);
        if (known.isPresent() && !known.get().validIn(kindOf(path))) {
            throw new ConfigRefusedException("invalid-scope", "config " + verb.word() + ": option " + canonical
                    + " is not valid in " + describe(path) + "; it is valid in "
                    + String.join(", ", known.get().scopes().stream().sorted().toList()));
        }
        if (verb == ConfigVerb.UNSET) {
            return new ConfigChanged(ConfigChanged.Action.UNSET, path, canonical, Optional.empty());
        }
        ConfigValue value = parseValueOrRefuse(command.value().orElseThrow(), canonical);
        if (known.isPresent()) {
            known.get().type().problem(value).ifPresent(problem -> {
                throw new ConfigRefusedException("invalid-value", "config set: " + canonical + " takes "
                        + known.get().type().description() + ", not " + value.text());
            });
        }
        return new ConfigChanged(ConfigChanged.Action.SET, path, canonical, Optional.of(value.text()));
    }

    // before anything else looks at the words: what reaches the ledger and the file is one entry on one line
    private static void refuseHostile(ConfigVerb verb, List<String> scopeWords, String option, Optional<String> value) {
        String command = "config " + verb.word() + ": ";
        ConfigNames.nameProblem(option).ifPresent(problem -> {
            throw new ConfigRefusedException("invalid-name", command + "option name " + ConfigNames.shown(option)
                    + " refused: " + problem);
        });
        for (String word : scopeWords) {
            ConfigNames.valueProblem(word).ifPresent(problem -> {
                throw new ConfigRefusedException("invalid-scope", command + "scope word " + ConfigNames.shown(word)
                        + " refused: " + problem.replace("a value", "a scope word"));
            });
        }
        value.flatMap(ConfigNames::valueProblem).ifPresent(problem -> {
            throw new ConfigRefusedException("invalid-value", command + "the value of " + option + " refused: " + problem);
        });
    }

    /** The answer to {@code config get}, {@code eval}, {@code show}, {@code showrecurse} or {@code locate}. */
    public String answer(Command.Config command) {
        ConfigVerb verb = command.configVerb();
        if (verb == ConfigVerb.GET) {
            List<ScopeStep> path = resolve(command.scopeWords());
            String option = command.option().orElseThrow();
            return get(path, option).map(o -> line(o.name(), o.value()))
                    .orElse(canonical(option) + " is not set in " + describe(path));
        }
        if (verb == ConfigVerb.EVAL) {
            return eval(resolve(command.scopeWords()), command.option().orElseThrow());
        }
        if (verb == ConfigVerb.SHOW) {
            return show(command.scopeWords());
        }
        if (verb == ConfigVerb.SHOWRECURSE) {
            List<ScopeStep> path = resolve(command.scopeWords());
            List<ConfigItem> body = requireScope(path);
            if (path.isEmpty()) {
                return ConfigWriter.write(body, 0, false);
            }
            ConfigItem.Scope scope = new ConfigItem.Scope(path.get(path.size() - 1).name(),
                    path.get(path.size() - 1).instance(), body);
            return ConfigWriter.write(List.of(scope), 0, false);
        }
        if (verb == ConfigVerb.LOCATE) {
            return locate(command.scopeWords().get(0), command.option());
        }
        throw new IllegalArgumentException(command.verb() + " is not answered from the configuration alone");
    }

    /** The answer to {@code config history}: every change of that option at that scope, oldest first. */
    public String history(Command.Config command, List<ConfigHistoryEntry> entries) {
        List<ScopeStep> path = resolve(command.scopeWords());
        String option = command.option().orElseThrow();
        List<String> lines = entries.stream()
                .filter(e -> e.change().scopePath().size() == path.size() && samePath(e.change().scopePath(), path)
                        && e.change().option().equalsIgnoreCase(option))
                .map(e -> e.offset() + " " + e.occurredAt() + " " + e.actor() + " " + e.origin() + " "
                        + (e.change().action() == ConfigChanged.Action.SET
                                ? "set " + e.change().option() + " = " + e.change().value().orElseThrow()
                                : "unset " + e.change().option()))
                .toList();
        return lines.isEmpty() ? "no changes of " + canonical(option) + " in " + describe(path) + " on the ledger"
                : String.join("\n", lines);
    }

    private static boolean samePath(List<ScopeStep> a, List<ScopeStep> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).name().equalsIgnoreCase(b.get(i).name()) || !a.get(i).instance().equals(b.get(i).instance())) {
                return false;
            }
        }
        return true;
    }

    /** The option set in exactly the scope at {@code path}. */
    public Optional<ConfigItem.Option> get(List<ScopeStep> path, String option) {
        return tree.option(path, option);
    }

    /** What {@code config eval} finds: the value and where it came from ({@code set here}, {@code from SCOPE}, {@code default}). */
    public record Evaluation(String option, Optional<ConfigValue> value, Optional<String> source) {}

    /** The effective value of {@code option} at {@code path}: that scope, then enclosing ones, then the default. */
    public Evaluation evaluate(List<ScopeStep> path, String option) {
        for (int depth = path.size(); depth >= 0; depth--) {
            List<ScopeStep> at = path.subList(0, depth);
            Optional<ConfigItem.Option> found = tree.option(at, option);
            if (found.isPresent()) {
                return new Evaluation(found.get().name(), Optional.of(found.get().value()),
                        Optional.of(depth == path.size() ? "set here" : "from " + describe(at)));
            }
        }
        Optional<KnownOption> known = schema.option(option);
        if (known.isPresent() && known.get().defaultValue().isPresent()) {
            return new Evaluation(known.get().name(), known.get().defaultValue(), Optional.of("default"));
        }
        return new Evaluation(canonical(option), Optional.empty(), Optional.empty());
    }

    private String eval(List<ScopeStep> path, String option) {
        Evaluation found = evaluate(path, option);
        return found.value().map(v -> line(found.option(), v) + "  # " + found.source().orElseThrow())
                .orElse(found.option() + " is not set and has no default");
    }

    // "config show Logs" shows the scope; "config show Logs file_mode" only that option.
    private String show(List<String> words) {
        List<ScopeStep> path;
        Optional<String> option = Optional.empty();
        try {
            path = resolve(words);
        } catch (ConfigRefusedException wholeIsNoScope) {
            if (words.isEmpty()) {
                throw wholeIsNoScope;
            }
            path = resolve(words.subList(0, words.size() - 1));
            option = Optional.of(words.get(words.size() - 1));
        }
        List<ConfigItem> body = requireScope(path);
        List<String> lines = new ArrayList<>();
        for (ConfigItem item : body) {
            if (item instanceof ConfigItem.Option o && (option.isEmpty() || o.isNamed(option.get()))) {
                // no option is decorative: one that nothing obeys says so where the operator reads it
                lines.add(line(o.name(), o.value()) + schema.effect(path, o.name())
                        .filter(effect -> effect == OptionEffect.NOT_ACTED_ON).map(effect -> "  # " + effect.phrase())
                        .orElse(""));
            }
        }
        if (lines.isEmpty() && option.isPresent()) {
            return canonical(option.get()) + " is not set in " + describe(path);
        }
        return String.join("\n", lines);
    }

    private String locate(String kind, Optional<String> regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex.orElse(""));
        } catch (PatternSyntaxException e) {
            throw new ConfigRefusedException("invalid-regex", "config locate: " + e.getDescription() + " in '"
                    + regex.orElse("") + "'");
        }
        List<String> lines = tree.scopePaths().stream()
                .filter(p -> p.get(p.size() - 1).name().equalsIgnoreCase(kind))
                .filter(p -> pattern.matcher(p.get(p.size() - 1).instance().orElse("")).find())
                .map(ConfigModel::describe)
                .toList();
        return lines.isEmpty() ? "no " + kind + " scope" + regex.map(r -> " matching " + r).orElse("")
                : String.join("\n", lines);
    }

    private List<ConfigItem> requireScope(List<ScopeStep> path) {
        return tree.scope(path).orElseThrow(() ->
                new ConfigRefusedException("no-such-scope", describe(path) + " is not in the configuration"));
    }

    // ---- scope words ----------------------------------------------------------------------------------------

    /**
     * The scope path the words name, e.g. {@code ESMTP_Listener Peer 127.0.0.1 Pathway foo}: a known kind takes an
     * instance word when the table says it is named; an unknown kind is accepted only where the configuration
     * already has such a scope. Refused when a word names no scope there or a kind may not sit there.
     */
    public List<ScopeStep> resolve(List<String> words) {
        List<ScopeStep> path = new ArrayList<>();
        List<ConfigItem> here = tree.scope(List.of()).orElseThrow();
        int i = 0;
        while (i < words.size()) {
            String word = words.get(i);
            String parent = kindOf(path);
            Optional<ScopeKind> kind = schema.scope(word);
            List<ConfigItem.Scope> present = here == null ? List.of() : here.stream()
                    .filter(item -> item instanceof ConfigItem.Scope s && s.name().equalsIgnoreCase(word))
                    .map(item -> (ConfigItem.Scope) item).toList();
            boolean named;
            if (kind.isPresent()) {
                named = kind.get().named();
                if (!kind.get().allowedIn(parent) && present.isEmpty()) {
                    throw new ConfigRefusedException("unknown-scope", "a " + kind.get().name() + " scope cannot be in "
                            + describe(path));
                }
            } else if (!present.isEmpty()) {
                named = present.get(0).instance().isPresent();
            } else {
                throw new ConfigRefusedException("unknown-scope", "unknown scope '" + word + "' in " + describe(path));
            }
            String name = present.isEmpty() ? kind.get().name() : present.get(0).name();
            ScopeStep step;
            if (named) {
                if (i + 1 >= words.size()) {
                    throw new ConfigRefusedException("unknown-scope", "scope " + name + " needs an instance name, e.g. "
                            + name + " \"name\"");
                }
                step = ScopeStep.named(name, words.get(i + 1));
                i += 2;
            } else {
                step = ScopeStep.anonymous(name);
                i += 1;
            }
            path.add(step);
            here = here == null ? null : ConfigTree.findScope(here, step).map(ConfigItem.Scope::items).orElse(null);
        }
        return List.copyOf(path);
    }

    private static String kindOf(List<ScopeStep> path) {
        return path.isEmpty() ? ConfigSchema.GLOBAL : path.get(path.size() - 1).name();
    }

    private String canonical(String option) {
        return schema.option(option).map(KnownOption::name).orElse(option);
    }

    /** A scope path as scope words with instances quoted, e.g. {@code Control_Listener Listen "/tmp/2025"}. */
    public static String describe(List<ScopeStep> path) {
        if (path.isEmpty()) {
            return ConfigSchema.GLOBAL;
        }
        return path.stream()
                .map(s -> s.name() + s.instance().map(i -> " " + ConfigWriter.quote(i)).orElse(""))
                .collect(Collectors.joining(" "));
    }

    private static String line(String name, ConfigValue value) {
        return name + " = " + value.text();
    }

    // ---- values ---------------------------------------------------------------------------------------------

    /** A value as {@code config set} and {@link ConfigChanged} carry it: {@code ( … )} a list, {@code [ … ]} a hash. */
    public static ConfigValue parseValue(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("(") || trimmed.startsWith("[") || trimmed.startsWith("\"")) {
            // no directory: an include in a value is refused, never read
            ConfigTree parsed = ConfigParser.parse("value = " + trimmed, "value", (Path) null);
            if (parsed.items().size() != 1 || !(parsed.items().get(0) instanceof ConfigItem.Option option)) {
                throw new ConfigSyntaxException("value", 1, 1, "a value is one entry on one line");
            }
            return option.value();
        }
        return new ConfigValue.Scalar(text);
    }

    // a value already on the ledger is never refused: one that no longer parses (appended before the value rules)
    // is kept as its text, which the writer quotes, so the fold goes on and the file stays one entry per line
    private static ConfigValue ledgerValue(String text) {
        try {
            return parseValue(text);
        } catch (ConfigSyntaxException e) {
            return new ConfigValue.Scalar(text);
        }
    }

    private static ConfigValue parseValueOrRefuse(String text, String option) {
        try {
            return parseValue(text);
        } catch (ConfigSyntaxException e) {
            throw new ConfigRefusedException("invalid-value", "config set: the value of " + option + " does not parse: "
                    + e.reason());
        }
    }
}
