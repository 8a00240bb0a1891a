package io.ecledger.api.webui;

import io.ecledger.ledger.config.ConfigModel;
import io.ecledger.ledger.config.ConfigValue;
import io.ecledger.ledger.config.OptionEffect;
import io.ecledger.ledger.event.ScopeStep;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The web console's settings, from the folded {@code Web_UI} scope of eccluster.conf (shipped in webui-common.conf):
 * read again on every use, so a {@code config set} there takes effect at once.
 */
public record WebUiSettings(Optional<String> listen, Duration sessionTimeout, Duration sessionLifetime,
                            boolean passwordSignIn, boolean tokenSignIn, int maxSessions) {

    /** {@code Session_Timeout} when unset or unusable: half an hour idle. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(1800);
    /** {@code Session_Lifetime} when unset or unusable: twelve hours after sign-in. */
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofSeconds(43200);
    /** {@code Max_Sessions} when unset or unusable. */
    public static final int DEFAULT_MAX_SESSIONS = 256;
    /** The most {@code Max_Sessions} may say; above it the value is a typo and the default applies. */
    public static final int MAX_MAX_SESSIONS = 100_000;
    /**
     * The longest {@code Session_Timeout} or {@code Session_Lifetime} taken: a sign-in session of more than a year is a
     * typo, and far beyond it (about 10^16 s) adding the duration to an {@code Instant} would throw in every request.
     */
    public static final Duration MAX_SESSION_DURATION = Duration.ofDays(366);

    /** Every {@code Web_UI} option the manager obeys, and the {@code Datasource} it reads before its database opens. */
    public static final Map<String, OptionEffect> ACTED_ON = Map.of(
            // the REST port's connectors are Jetty's, made once at start
            "Web_UI Listen", OptionEffect.ON_RESTART,
            "Web_UI Session_Timeout", OptionEffect.LIVE,
            "Web_UI Session_Lifetime", OptionEffect.LIVE,
            "Web_UI Password_Sign_In", OptionEffect.LIVE,
            "Web_UI Token_Sign_In", OptionEffect.LIVE,
            "Web_UI Max_Sessions", OptionEffect.LIVE,
            "Datasource uri", OptionEffect.BASE_FILE_AT_START,
            "Datasource driver", OptionEffect.BASE_FILE_AT_START);

    private static final List<ScopeStep> SCOPE = List.of(ScopeStep.anonymous("Web_UI"));
    // the spellings OptionType.BOOLEAN accepts
    private static final Set<String> TRUE = Set.of("true", "yes", "on", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "off", "0");

    public WebUiSettings {
        listen = listen.map(String::strip).filter(text -> !text.isEmpty());
        if (!usable(sessionTimeout) || !usable(sessionLifetime)) {
            throw new IllegalArgumentException("web console sessions: timeout " + sessionTimeout + " and lifetime "
                    + sessionLifetime + " must each be more than 0 and at most " + MAX_SESSION_DURATION);
        }
        if (maxSessions < 1 || maxSessions > MAX_MAX_SESSIONS) {
            throw new IllegalArgumentException("web console sessions: at most " + maxSessions
                    + " at once must be from 1 to " + MAX_MAX_SESSIONS);
        }
    }

    /**
     * The settings {@code config eval Web_UI OPTION} gives, the defaults where unset. A value that is not of its type
     * or out of range (possible in the base file, which nothing type-checks, and for a range no type says) is the
     * default, never an exception: the manager goes on serving the console.
     */
    public static WebUiSettings from(ConfigModel folded) {
        return new WebUiSettings(
                text(folded, "Listen"),
                seconds(folded, "Session_Timeout").orElse(DEFAULT_SESSION_TIMEOUT),
                seconds(folded, "Session_Lifetime").orElse(DEFAULT_SESSION_LIFETIME),
                flag(folded, "Password_Sign_In").orElse(true),
                flag(folded, "Token_Sign_In").orElse(true),
                text(folded, "Max_Sessions").flatMap(WebUiSettings::number)
                        .filter(n -> n >= 1 && n <= MAX_MAX_SESSIONS).map(Long::intValue).orElse(DEFAULT_MAX_SESSIONS));
    }

    private static Optional<Duration> seconds(ConfigModel folded, String option) {
        return text(folded, option).flatMap(WebUiSettings::number)
                .filter(n -> n > 0 && n <= MAX_SESSION_DURATION.toSeconds()).map(Duration::ofSeconds);
    }

    private static Optional<Boolean> flag(ConfigModel folded, String option) {
        return text(folded, option).map(t -> t.toLowerCase(Locale.ROOT))
                .flatMap(t -> TRUE.contains(t) ? Optional.of(true) : FALSE.contains(t) ? Optional.of(false)
                        : Optional.empty());
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    // a list or a hash is no setting of these options: as if unset
    private static Optional<String> text(ConfigModel folded, String option) {
        return folded.evaluate(SCOPE, option).value()
                .flatMap(v -> v instanceof ConfigValue.Scalar s ? Optional.of(s.value().strip()) : Optional.empty());
    }

    private static boolean usable(Duration duration) {
        return !duration.isNegative() && !duration.isZero() && duration.compareTo(MAX_SESSION_DURATION) <= 0;
    }
}
