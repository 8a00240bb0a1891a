package io.ecledger.api.console;

import io.ecledger.api.access.Caller;
import io.ecledger.api.asof.Views;
import io.ecledger.api.config.ConfigService;
import io.ecledger.api.console.text.ConfigText;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.ConfigVerb;

/** {@code config …}: changes appended to the ledger; reads of the folded configuration, live or {@code --at} a point. */
public final class ConfigHandler implements Handlers.Group {

    private final ConfigService config;
    private final Views views;

    public ConfigHandler(ConfigService config, Views views) {
        this.config = config;
        this.views = views;
    }

    @Override
    public void addTo(Handlers.Builder handlers) {
        handlers.on(Command.Config.class, this::answer);
    }

    private String answer(Command.Config command, Caller caller) {
        ConfigVerb verb = command.configVerb();
        if (verb == ConfigVerb.SET || verb == ConfigVerb.UNSET) {
            ConfigService.Changed changed = config.change(command, caller.actor(), caller.origin());
            return ConfigText.changed(changed, config.effect(changed.change()));
        }
        if (verb == ConfigVerb.HISTORY) {
            return config.history(command);
        }
        if (verb == ConfigVerb.WRITEBACK) {
            return ConfigText.writtenBack(config.writeback(command.option()));
        }
        return views.of(command.at()).read(snapshot -> config.answer(command, snapshot));
    }
}
