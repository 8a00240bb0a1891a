package io.ecledger.ledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.event.ConfigChanged;
import io.ecledger.ledger.event.ScopeStep;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigSchemaTest {

    private static final Grammar GRAMMAR = Grammar.standard();

    private static ConfigModel empty() {
        return ConfigModel.of(new ConfigTree(List.of()), ConfigSchema.standard());
    }

    private static Command.Config config(String line) {
        return (Command.Config) GRAMMAR.parse(line).orThrow();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Listen           | STRING  |       | Web_UI",
            "Session_Timeout  | SECONDS | 1800  | Web_UI",
            "Session_Lifetime | SECONDS | 43200 | Web_UI",
            "Password_Sign_In | BOOLEAN | true  | Web_UI",
            "Token_Sign_In    | BOOLEAN | true  | Web_UI",
            "Max_Sessions     | INTEGER | 256   | Web_UI",
            "uri              | STRING  |       | Datasource",
            "driver           | STRING  |       | Datasource"})
    void theWebConsoleAndDatasourceOptionsAreKnownWithTheirTypeDefaultAndScope(String name, OptionType type,
                                                                              String defaultValue, String scope) {
        KnownOption known = ConfigSchema.standard().option(name).orElseThrow();

        assertThat(known.type()).isEqualTo(type);
        assertThat(known.defaultValue()).isEqualTo(Optional.ofNullable(defaultValue).map(ConfigValue.Scalar::new));
        assertThat(known.scopes()).containsExactly(ConfigItem.key(scope));
    }

    @Test
    void webUiIsAnAnonymousScopeAndDatasourceANamedOneBothAtTheTopLevel() {
        ConfigSchema schema = ConfigSchema.standard();

        assertThat(schema.scope("web_ui")).hasValueSatisfying(s -> {
            assertThat(s.named()).isFalse();
            assertThat(s.allowedIn(ConfigSchema.GLOBAL)).isTrue();
        });
        assertThat(schema.scope("Datasource")).hasValueSatisfying(s -> {
            assertThat(s.named()).isTrue();
            assertThat(s.parents()).containsExactly(ConfigItem.key(ConfigSchema.GLOBAL));
        });
        assertThat(empty().resolve(List.of("Datasource", "ecdb"))).containsExactly(ScopeStep.named("Datasource", "ecdb"));
    }

    @Test
    void aSetOfAWebConsoleOptionOfItsTypeIsAnEventAndEvalFallsBackToTheDefaultBeforeIt() {
        ConfigModel model = empty();
        assertThat(model.answer(config("config eval Web_UI Session_Timeout")))
                .isEqualTo("Session_Timeout = 1800  # default");

        ConfigChanged change = model.change(config("config set Web_UI Session_Timeout 600"));

        assertThat(change.scopePath()).containsExactly(ScopeStep.anonymous("Web_UI"));
        assertThat(model.apply(change).answer(config("config eval Web_UI Session_Timeout")))
                .isEqualTo("Session_Timeout = 600  # set here");
        assertThat(model.change(config("config set Datasource ecdb uri jdbc:h2:file:other")).value())
                .contains("\"jdbc:h2:file:other\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "config set Web_UI Session_Timeout soon | invalid-value "
                    + "| config set: Session_Timeout takes a whole number of seconds, not \"soon\"",
            "config set Web_UI Session_Lifetime -5 | invalid-value "
                    + "| config set: Session_Lifetime takes a whole number of seconds, not -5",
            "config set Web_UI Password_Sign_In maybe | invalid-value "
                    + "| config set: Password_Sign_In takes true or false, not \"maybe\"",
            "config set Web_UI Max_Sessions many | invalid-value "
                    + "| config set: Max_Sessions takes a whole number, not \"many\"",
            "config set Datasource ecdb Session_Timeout 60 | invalid-scope "
                    + "| config set: option Session_Timeout is not valid in Datasource \"ecdb\"; it is valid in web_ui",
            "config set Web_UI uri x | invalid-scope "
                    + "| config set: option uri is not valid in Web_UI; it is valid in datasource"})
    void aWebConsoleValueOfTheWrongTypeOrScopeIsRefused(String line, String code, String message) {
        assertThatThrownBy(() -> empty().change(config(line)))
                .isInstanceOfSatisfying(ConfigRefusedException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessage(message);
    }

    @Test
    void listenIsAnOptionOfWebUiAndStillAScopeEverywhereElse() {
        ConfigChanged listen = empty().change(config("config set Web_UI Listen 127.0.0.1:2025"));

        assertThat(listen.option()).isEqualTo("Listen");
        assertThatThrownBy(() -> empty().change(config("config set Control_Listener Listen 5")))
                .isInstanceOfSatisfying(ConfigRefusedException.class, e -> assertThat(e.code()).isEqualTo("invalid-option"))
                .hasMessage("config set: Listen is a scope, not an option");
    }

    @Test
    void alsoActingOnAddsAFeaturesOptionsToThoseAlreadyActedOnAndRefusesOneNamedTwice() {
        ConfigSchema schema = ConfigSchema.standard()
                .actingOn(Map.of("Control_Listener Timeout", OptionEffect.ON_RESTART))
                .alsoActingOn(Map.of("Web_UI Session_Timeout", OptionEffect.LIVE,
                        "Datasource uri", OptionEffect.BASE_FILE_AT_START));

        assertThat(schema.effect(List.of(ScopeStep.anonymous("Control_Listener")), "Timeout"))
                .contains(OptionEffect.ON_RESTART);
        assertThat(schema.effect(List.of(ScopeStep.anonymous("web_ui")), "SESSION_TIMEOUT")).contains(OptionEffect.LIVE);
        assertThat(schema.effect(List.of(ScopeStep.named("Datasource", "ecdb")), "uri"))
                .contains(OptionEffect.BASE_FILE_AT_START);
        assertThat(schema.effect(List.of(ScopeStep.anonymous("Web_UI")), "Max_Sessions"))
                .contains(OptionEffect.NOT_ACTED_ON);
        assertThatThrownBy(() -> schema.alsoActingOn(Map.of("control_listener  timeout", OptionEffect.LIVE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option control_listener  timeout is already acted on as ON_RESTART; name it in one map only");
    }

    @Test
    void everyEffectHasThePhraseTheConsoleShows() {
        assertThat(OptionEffect.LIVE.phrase()).isEqualTo("takes effect at once");
        assertThat(OptionEffect.BASE_FILE_AT_START.phrase())
                .isEqualTo("read from the file when the manager starts; a ledger change is kept and shown but not acted on");
        assertThat(OptionEffect.values()).allSatisfy(effect -> assertThat(effect.phrase()).isNotBlank());
    }
}
