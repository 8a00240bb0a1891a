package io.ecledger.api.webui;

import io.ecledger.ledger.config.ConfigModel;
import java.time.Duration;
import java.util.Optional;

/** webui-common.conf's Web_UI settings (defaults only, until the config model knows the scope). */
public record WebUiSettings(Optional<String> listen, Duration sessionTimeout, Duration sessionLifetime,
                            boolean passwordSignIn, boolean tokenSignIn, int maxSessions) {
    public static WebUiSettings from(ConfigModel folded) {
        return new WebUiSettings(Optional.empty(), Duration.ofSeconds(1800), Duration.ofSeconds(43200), true, true, 256);
    }
}
