package io.ecledger.api.config;

import io.ecledger.api.Refused;
import io.ecledger.api.projection.Projection;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.ConfigVerb;
import io.ecledger.ledger.config.ConfigHistoryEntry;
import io.ecledger.ledger.config.ConfigModel;
import io.ecledger.ledger.config.ConfigParser;
import io.ecledger.ledger.config.ConfigRefusedException;
import io.ecledger.ledger.config.ConfigSchema;
import io.ecledger.ledger.config.ConfigTree;
import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.kafka.Ledger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's configuration: the base {@code eccluster.conf} with every projected {@link ConfigChanged} folded
 * over it in ledger order. {@code set}/{@code unset} are validated before anything is appended.
 */
public final class ConfigService {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigService.class);
    // as for commands: long enough for a busy projection, short enough not to hang a console
    private static final Duration READ_YOUR_WRITES = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final Ledger ledger;
    private final Projection projection;
    private final Path baseFile;
    private final ConfigTree base;
    private final ConfigSchema schema;

    /** What a set or unset appended, and the offset it holds on the ledger. */
    public record Changed(long offset, ConfigChanged change) {}

    public ConfigService(Jdbi jdbi, Ledger ledger, Projection projection, Path baseFile, ConfigSchema schema) {
        this.jdbi = jdbi;
        this.ledger = ledger;
        this.projection = projection;
        this.baseFile = baseFile.toAbsolutePath().normalize();
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
        return ConfigModel.of(base, schema).applyAll(history().stream().map(ConfigHistoryEntry::change).toList());
    }

    /** The answer to {@code config get} or {@code config eval} over the base file with {@code changes} folded in. */
    public String answer(Command.Config command, List<ConfigHistoryEntry> changes) {
        try {
            return ConfigModel.of(base, schema).applyAll(changes.stream().map(ConfigHistoryEntry::change).toList())
                    .answer(command);
        } catch (ConfigRefusedException e) {
            throw new Refused(e.code(), e.getMessage());
        }
    }

    /** Every projected change, in ledger order. */
    public List<ConfigHistoryEntry> history() {
        return jdbi.withExtension(ConfigDao.class, ConfigDao::changes).stream().map(ConfigChangeRow::entry).toList();
    }

    /** The console answer to a {@code config} command. */
    public String execute(Command.Config command, String actor, Origin origin) {
        ConfigVerb verb = command.configVerb();
        try {
            if (verb == ConfigVerb.SET || verb == ConfigVerb.UNSET) {
                Changed changed = change(command, actor, origin);
                ConfigChanged change = changed.change();
                return (change.action() == ConfigChanged.Action.SET
                        ? change.option() + " = " + change.value().orElseThrow() : change.option() + " unset")
                        + " in " + ConfigModel.describe(change.scopePath()) + " (ledger offset " + changed.offset() + ")";
            }
            if (verb == ConfigVerb.HISTORY) {
                return current().history(command, history());
            }
            if (verb == ConfigVerb.WRITEBACK) {
                return writeback(command.option());
            }
            return current().answer(command);
        } catch (ConfigRefusedException e) {
            throw new Refused(e.code(), e.getMessage());
        }
    }

    /** Validates and appends a {@code config set} or {@code config unset}; refused before anything is appended. */
    public Changed change(Command.Config command, String actor, Origin origin) {
        ConfigChanged change;
        try {
            change = current().change(command);
        } catch (ConfigRefusedException e) {
            throw new Refused(e.code(), e.getMessage());
        }
        long offset = ledger.append(actor, origin, change);
        projection.awaitLedger(offset, READ_YOUR_WRITES);
        LOG.info("config {} {} in {} by {} offset={}", change.action(), change.option(),
                ConfigModel.describe(change.scopePath()), actor, offset);
        return new Changed(offset, change);
    }

    /** Writes the folded configuration to {@code path} (relative to the base file's directory), or over the base file. */
    private String writeback(Optional<String> path) {
        Path target = path.map(p -> baseFile.getParent().resolve(p)).orElse(baseFile).toAbsolutePath().normalize();
        String text = current().writeback();
        try {
            Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            // the file is either the old or the new configuration, never half of one
            Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Refused("writeback-failed", "config writeback: cannot write " + target + ": " + e.getMessage());
        }
        LOG.info("configuration written back to {}", target);
        return "configuration written to " + target + " (" + text.lines().count() + " lines, changes up to ledger offset "
                + (projection.appliedLedgerOffset() - 1) + ")";
    }
}
