package io.ecledger.api.config;

import io.ecledger.api.asof.Snapshot;
import io.ecledger.api.http.Refused;
import io.ecledger.api.projection.Projection;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.ConfigVerb;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.config.ConfigHistoryEntry;
import io.ecledger.ledger.config.ConfigItem;
import io.ecledger.ledger.config.ConfigModel;
import io.ecledger.ledger.config.ConfigNames;
import io.ecledger.ledger.config.ConfigParser;
import io.ecledger.ledger.config.ConfigRefusedException;
import io.ecledger.ledger.config.ConfigSchema;
import io.ecledger.ledger.config.ConfigTree;
import io.ecledger.ledger.config.OptionEffect;
import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.event.ScopeStep;
import io.ecledger.ledger.kafka.Ledger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's configuration: the base {@code eccluster.conf} with every projected {@link ConfigChanged} folded
 * over it in ledger order. {@code set}/{@code unset} are validated before anything is appended. Every refusal of the
 * configuration model leaves here as {@link Refused}.
 */
public final class ConfigService {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigService.class);
    // as for commands: long enough for a busy projection, short enough not to hang a console
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final Ledger ledger;
    private final Projection projection;
    private final Path baseFile;
    private final Path writebackDirectory;
    private final ConfigTree base;
    private final ConfigSchema schema;

    /** What a set or unset appended, and the offset it holds on the ledger. */
    public record Changed(long offset, ConfigChanged change) {}

    /** Writeback into the base file's own directory. */
    public ConfigService(Jdbi jdbi, Ledger ledger, Projection projection, Path baseFile, ConfigSchema schema) {
        this(jdbi, ledger, projection, baseFile, baseFile.toAbsolutePath().normalize().getParent(), schema);
    }

    public ConfigService(Jdbi jdbi, Ledger ledger, Projection projection, Path baseFile, Path writebackDirectory,
                         ConfigSchema schema) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.projection = projection;
        this.baseFile = baseFile.toAbsolutePath().normalize();
        this.writebackDirectory = writebackDirectory.toAbsolutePath().normalize();
        this.schema = schema;
        if (Files.exists(this.baseFile)) {
            this.base = ConfigParser.parse(this.baseFile);
            LOG.info("base configuration {}", this.baseFile);
        } else {
            // a manager with no eccluster.conf yet still runs, with only what the ledger sets
            this.base = new ConfigTree(List.of());
            LOG.warn("no base configuration at {}: starting from an empty one", this.baseFile);
        }
    }

    /** The base file with every projected change folded over it. */
    public ConfigModel current() {
        return folded(history());
    }

    /** Every projected change, in ledger order. */
    public List<ConfigHistoryEntry> history() {
        return changes(jdbi);
    }

    /**
     * The answer to {@code config get}, {@code eval}, {@code show}, {@code showrecurse} or {@code locate}, over the
     * base file with {@code snapshot}'s changes folded in.
     */
    public String answer(Command.Config command, Snapshot snapshot) {
        return refusing(() -> folded(changes(snapshot.projection())).answer(command));
    }

    /** The answer to {@code config history}: that option's changes at that scope, as the configuration model lists them. */
    public String history(Command.Config command) {
        return refusing(() -> current().history(command, history()));
    }

    /** Validates and appends a {@code config set} or {@code config unset}; refused before anything is appended. */
    public Changed change(Command.Config command, String actor, Origin origin) {
        ConfigChanged change = refusing(() -> current().change(command));
        long offset = ledger.append(actor, origin, change);
        projection.awaitLedger(offset, READ_YOUR_WRITES);
        LOG.info("config {} {} in {} by {} offset={}", change.action(), change.option(),
                ConfigModel.describe(change.scopePath()), actor, offset);
        return new Changed(offset, change);
    }

    /** What a change does: read by the manager at start-up, or not acted on at all; empty for a table that cannot say. */
    public Optional<OptionEffect> effect(ConfigChanged change) {
        return schema.effect(change.scopePath(), change.option());
    }

    /**
     * Writes the folded configuration over the base file, or to {@code path} in the writeback directory (relative to
     * it). Refused, writing nothing, for a path outside that directory, through a link out of it, or over anything
     * but a regular file.
     */
    public WrittenBack writeback(Optional<String> path) {
        Path target = path.map(this::writebackTarget).orElse(baseFile);
        requireRegularOrAbsent(target, path.orElse(baseFile.toString()));
        String text = refusing(() -> current().writeback());
        try {
            Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            // the file is either the old or the new configuration, never half of one
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Refused("writeback-failed", "config writeback: cannot write " + target + ": " + e.getMessage());
        }
        LOG.info("configuration written back to {}", target);
        return new WrittenBack(target, text.lines().count(), projection.appliedLedgerOffset() - 1);
    }

    private Path writebackTarget(String asked) {
        ConfigNames.valueProblem(asked).ifPresent(problem -> {
            throw refuseWriteback(asked, problem.replace("a value", "a path"));
        });
        Path target;
        try {
            target = writebackDirectory.resolve(asked).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw refuseWriteback(asked, "it is not a path");
        }
        if (target.equals(baseFile)) {
            return target;
        }
        if (!target.startsWith(writebackDirectory) || target.equals(writebackDirectory)) {
            throw refuseWriteback(asked, "it is outside " + writebackDirectory);
        }
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            throw refuseWriteback(asked, "its directory " + parent + " does not exist");
        }
        try {
            Path inside = writebackDirectory.toRealPath();
            if (!parent.toRealPath().startsWith(inside)
                    || Files.exists(target) && !target.toRealPath().startsWith(inside)) {
                throw refuseWriteback(asked, "it goes through a link out of " + writebackDirectory);
            }
        } catch (IOException e) {
            throw refuseWriteback(asked, "it cannot be resolved: " + e.getMessage());
        }
        return target;
    }

    private void requireRegularOrAbsent(Path target, String asked) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
            throw refuseWriteback(asked, "it is not a regular file");
        }
    }

    private Refused refuseWriteback(String asked, String reason) {
        return new Refused("writeback-refused", "config writeback: refused to write " + ConfigNames.shown(asked) + ": "
                + reason + "; writeback writes only the base file " + baseFile + " or files in " + writebackDirectory);
    }

    /** {@code GET /v1/config/options/{option}}: the option set exactly at the scope and its effective value. */
    public OptionView option(List<String> scopeWords, String option) {
        return refusing(() -> {
            ConfigModel model = current();
            List<ScopeStep> path = model.resolve(scopeWords);
            ConfigModel.Evaluation eval = model.evaluate(path, option);
            return new OptionView(ConfigModel.describe(path), eval.option(),
                    model.get(path, option).map(o -> o.value().text()).orElse(null),
                    eval.value().map(v -> v.text()).orElse(null), eval.source().orElse(null));
        });
    }

    /** {@code PUT /v1/config/options/{option}}: as {@code config set}. */
    public ChangeView set(List<String> scopeWords, String option, String value, String actor, Origin origin) {
        return view(change(new Command.Config(ConfigVerb.SET, scopeWords, Optional.of(option), Optional.of(value)),
                actor, origin));
    }

    /** {@code DELETE /v1/config/options/{option}}: as {@code config unset}. */
    public ChangeView unset(List<String> scopeWords, String option, String actor, Origin origin) {
        return view(change(new Command.Config(ConfigVerb.UNSET, scopeWords, Optional.of(option), Optional.empty()),
                actor, origin));
    }

    /** {@code GET /v1/config/history/{option}}: every change of the option at exactly that scope, oldest first. */
    public List<HistoryView> history(List<String> scopeWords, String option) {
        String scope = ConfigModel.describe(refusing(() -> current().resolve(scopeWords)));
        return history().stream()
                .filter(e -> e.change().option().equalsIgnoreCase(option)
                        && ConfigModel.describe(e.change().scopePath()).equalsIgnoreCase(scope))
                .map(e -> new HistoryView(e.offset(), e.occurredAt().toString(), e.actor(), e.origin(),
                        e.change().action().name().toLowerCase(Locale.ROOT), e.change().value().orElse(null)))
                .toList();
    }

    /** The folded configuration in file syntax, comments of the base kept: what {@code config writeback} would write. */
    public String file() {
        return refusing(() -> current().writeback());
    }

    /** Every option the folded configuration sets, included files expanded in place, in file order. */
    public List<SetOptionView> setOptions() {
        List<SetOptionView> out = new java.util.ArrayList<>();
        collect(current().tree().settings().items(), List.of(), out);
        return out;
    }

    private void collect(List<ConfigItem> items, List<ScopeStep> path, List<SetOptionView> out) {
        for (ConfigItem item : items) {
            if (item instanceof ConfigItem.Option option) {
                // the scope as the console's words: each step's name, then its instance if it has one
                List<String> words = path.stream().flatMap(step -> java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(step.name()), step.instance().stream())).toList();
                out.add(new SetOptionView(words, option.name(), option.value().text(),
                        schema.effect(path, option.name()).map(OptionEffect::phrase).orElse(null)));
            } else if (item instanceof ConfigItem.Scope scope) {
                List<ScopeStep> deeper = new java.util.ArrayList<>(path);
                deeper.add(scope.step());
                collect(scope.items(), deeper, out);
            }
        }
    }

    private ConfigModel folded(List<ConfigHistoryEntry> changes) {
        return ConfigModel.of(base, schema).applyAll(changes.stream().map(ConfigHistoryEntry::change).toList());
    }

    private static List<ConfigHistoryEntry> changes(Jdbi projection) {
        return projection.withExtension(ConfigDao.class, ConfigDao::changes).stream().map(ConfigChangeRow::entry).toList();
    }

    private static ChangeView view(Changed changed) {
        ConfigChanged change = changed.change();
        return new ChangeView(changed.offset(), change.action().name().toLowerCase(Locale.ROOT),
                ConfigModel.describe(change.scopePath()), change.option(), change.value().orElse(null));
    }

    private static <T> T refusing(Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigRefusedException e) {
            throw new Refused(e.code(), e.getMessage());
        }
    }
}
