package io.ecledger.api.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.config.ConfigModel;
import io.ecledger.ledger.config.ConfigParser;
import io.ecledger.ledger.config.ConfigSchema;
import io.ecledger.ledger.config.ConfigValue;
import io.ecledger.ledger.config.OptionEffect;
import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.event.ScopeStep;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebUiSettingsTest {

    private static final WebUiSettings DEFAULTS = new WebUiSettings(Optional.empty(), Duration.ofSeconds(1800),
            Duration.ofSeconds(43200), true, true, 256);

    private static ConfigModel folded(String text) {
        return ConfigModel.of(ConfigParser.parse(text, "test.conf", null), ConfigSchema.standard());
    }

    private static ConfigChanged set(String option, String value) {
        return new ConfigChanged(ConfigChanged.Action.SET, List.of(ScopeStep.anonymous("Web_UI")), option,
                Optional.of(value));
    }

    @Test
    void anEmptyConfigurationGivesTheDefaults() {
        assertThat(WebUiSettings.from(folded(""))).isEqualTo(DEFAULTS);
        assertThat(WebUiSettings.from(folded("Web_UI {\n}\n"))).isEqualTo(DEFAULTS);
    }

    @Test
    void theDefaultsAreTheSchemasSoConfigEvalAndTheConsoleAgree() {
        ConfigSchema schema = ConfigSchema.standard();

        assertThat(schema.option("Session_Timeout").flatMap(o -> o.defaultValue()))
                .contains(new ConfigValue.Scalar(String.valueOf(WebUiSettings.DEFAULT_SESSION_TIMEOUT.toSeconds())));
        assertThat(schema.option("Session_Lifetime").flatMap(o -> o.defaultValue()))
                .contains(new ConfigValue.Scalar(String.valueOf(WebUiSettings.DEFAULT_SESSION_LIFETIME.toSeconds())));
        assertThat(schema.option("Max_Sessions").flatMap(o -> o.defaultValue()))
                .contains(new ConfigValue.Scalar(String.valueOf(WebUiSettings.DEFAULT_MAX_SESSIONS)));
    }

    @Test
    void theShippedWebuiCommonConfGivesTheDefaults() {
        ConfigModel shipped = ConfigModel.of(ConfigParser.parse(Path.of("..", "ops", "conf", "eccluster.conf")),
                ConfigSchema.standard());

        assertThat(WebUiSettings.from(shipped)).isEqualTo(DEFAULTS);
    }

    @Test
    void valuesSetInTheFileAndThenOnTheLedgerAreRead() {
        ConfigModel model = folded("""
                Web_UI {
                  Listen = "127.0.0.1:2025"
                  Session_Timeout = 600
                  Password_Sign_In = "no"
                  Max_Sessions = 10
                }
                """);
        assertThat(WebUiSettings.from(model)).isEqualTo(new WebUiSettings(Optional.of("127.0.0.1:2025"),
                Duration.ofMinutes(10), Duration.ofHours(12), false, true, 10));

        ConfigModel changed = model.apply(set("Session_Lifetime", "3600")).apply(set("Token_Sign_In", "off"))
                .apply(new ConfigChanged(ConfigChanged.Action.UNSET, List.of(ScopeStep.anonymous("Web_UI")),
                        "Session_Timeout", Optional.empty()));

        assertThat(WebUiSettings.from(changed)).isEqualTo(new WebUiSettings(Optional.of("127.0.0.1:2025"),
                Duration.ofSeconds(1800), Duration.ofHours(1), false, false, 10));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Session_Timeout  | soon",
            "Session_Timeout  | 0",
            "Session_Timeout  | -60",
            "Session_Timeout  | 999999999999999999",
            "Session_Lifetime | 1.5",
            "Session_Lifetime | 0",
            "Password_Sign_In | maybe",
            "Token_Sign_In    | ''",
            "Max_Sessions     | many",
            "Max_Sessions     | 0",
            "Max_Sessions     | -1",
            "Max_Sessions     | 100001",
            "Max_Sessions     | 99999999999999999999",
            "Listen           | '  '"})
    void aValueItCannotUseIsTheDefaultAndNoException(String option, String value) {
        ConfigModel model = folded("Web_UI {\n}\n").apply(set(option, value));

        assertThat(WebUiSettings.from(model)).isEqualTo(DEFAULTS);
    }

    @Test
    void aListOrAHashIsNoSettingAndTheLargestSessionCountIsTaken() {
        ConfigModel model = folded("""
                Web_UI {
                  Session_Timeout = ( 1 2 )
                  Listen = [ a = b ]
                  Max_Sessions = 100000
                }
                """);

        assertThat(WebUiSettings.from(model).sessionTimeout()).isEqualTo(WebUiSettings.DEFAULT_SESSION_TIMEOUT);
        assertThat(WebUiSettings.from(model).listen()).isEmpty();
        assertThat(WebUiSettings.from(model).maxSessions()).isEqualTo(100_000);
    }

    @Test
    void theRecordRefusesWhatFromNeverGives() {
        assertThatThrownBy(() -> new WebUiSettings(Optional.empty(), Duration.ZERO, Duration.ofHours(1), true, true, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must each be more than 0");
        assertThatThrownBy(() -> new WebUiSettings(Optional.empty(), Duration.ofHours(1), Duration.ofHours(1), true,
                true, 100_001)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1 to 100000");
    }

    @Test
    void theSessionAndSignInOptionsTakeEffectAtOnceListenOnRestartAndTheDatasourceFromTheFile() {
        ConfigSchema schema = ConfigSchema.standard().actingOn(WebUiSettings.ACTED_ON);
        List<ScopeStep> webUi = List.of(ScopeStep.anonymous("Web_UI"));

        for (String option : List.of("Session_Timeout", "Session_Lifetime", "Password_Sign_In", "Token_Sign_In",
                "Max_Sessions")) {
            assertThat(schema.effect(webUi, option)).as(option).contains(OptionEffect.LIVE);
        }
        assertThat(schema.effect(webUi, "Listen")).contains(OptionEffect.ON_RESTART);
        assertThat(schema.effect(List.of(ScopeStep.named("Datasource", "ecdb")), "uri"))
                .contains(OptionEffect.BASE_FILE_AT_START);
        assertThat(schema.effect(List.of(ScopeStep.named("Datasource", "ecdb")), "driver"))
                .contains(OptionEffect.BASE_FILE_AT_START);
    }
}
