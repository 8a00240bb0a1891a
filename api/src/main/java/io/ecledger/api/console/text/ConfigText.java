package io.ecledger.api.console.text;

import io.ecledger.api.config.ConfigService;
import io.ecledger.api.config.WrittenBack;
import io.ecledger.ledger.config.ConfigModel;
import io.ecledger.ledger.config.OptionEffect;
import io.ecledger.ledger.event.ConfigChanged;
import java.util.Optional;

/**
 * The manager's own text for {@code config set}, {@code unset} and {@code writeback}. The configuration's content
 * ({@code get}, {@code eval}, {@code show}, …) is rendered by {@link ConfigModel} in the file's own syntax, as the
 * nodes render it.
 */
public final class ConfigText {

    private ConfigText() {}

    /** {@code config set} / {@code config unset}: what changed, where, and its ledger offset. */
    public static String changed(ConfigService.Changed changed) {
        ConfigChanged change = changed.change();
        return (change.action() == ConfigChanged.Action.SET
                ? change.option() + " = " + change.value().orElseThrow() : change.option() + " unset")
                + " in " + ConfigModel.describe(change.scopePath()) + " (ledger offset " + changed.offset() + ")";
    }

    /** The same, and what the change does, so an operator never believes an option is obeyed when it is not. */
    public static String changed(ConfigService.Changed changed, Optional<OptionEffect> effect) {
        return changed(changed) + effect.map(ConfigText::effect).orElse("");
    }

    private static String effect(OptionEffect effect) {
        if (effect == OptionEffect.LIVE) {
            return "; takes effect at once: the manager reads it on every use";
        }
        if (effect == OptionEffect.ON_RESTART) {
            return "; takes effect on restart: the manager reads it when it starts";
        }
        if (effect == OptionEffect.BASE_FILE_AT_START) {
            // the database location is read before the database (which holds the folded view) opens
            return "; read from the base file when the manager starts: this change is kept and shown but not acted on;"
                    + " 'config writeback' it into the file, or edit the file, and restart";
        }
        if (effect == OptionEffect.NOT_ACTED_ON) {
            return "; not acted on: the manager keeps it in the file, nothing in it obeys it";
        }
        throw new AssertionError("unknown effect " + effect);
    }

    /** {@code config writeback}: the file written, its size and the changes it holds. */
    public static String writtenBack(WrittenBack written) {
        return "configuration written to " + written.file() + " (" + written.lines() + " lines, changes up to ledger offset "
                + written.upToOffset() + ")";
    }
}
