package io.ecledger.api.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.config.ConfigModel;
import io.ecledger.ledger.config.ConfigParser;
import io.ecledger.ledger.config.ConfigSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListenerSettingsTest {

    private static ConfigModel conf(String text) {
        return ConfigModel.of(ConfigParser.parse(text, "eccluster.conf", (Path) null), ConfigSchema.standard());
    }

    private static final ConfigModel SHIPPED = conf("""
            Control_Listener {
              Enable_Authentication = "true"
              Enable_Authorization = "true"
              Timeout = 90
              Listen "/tmp/2025" {
                file_mode = 0666
              }
              Listen "127.0.0.1:2027" {
                Enable_Authorization = "false"
              }
              Listen "[::1]:2028" {
              }
            }
            """);

    @Test
    void everyListenIsAnEndpointWithTheFlagsOfItsOwnScopeOrOfControlListener() {
        ListenerSettings settings = ListenerSettings.from(SHIPPED, Optional.empty());

        assertThat(settings.endpoints()).containsExactly(
                new ListenerSettings.Unix(Path.of("/tmp/2025"), "0666", true, true),
                new ListenerSettings.Tcp("127.0.0.1", 2027, true, false),
                new ListenerSettings.Tcp("::1", 2028, true, true));
        assertThat(settings.timeout()).contains(Duration.ofSeconds(90));
    }

    @Test
    void thePathOverrideReplacesEveryListenWithOneSocketOfTheFilesModeAndSaysSo() {
        ListenerSettings settings = ListenerSettings.from(SHIPPED, Optional.of("/run/ecledger/ctl"));

        assertThat(settings.endpoints()).containsExactly(
                new ListenerSettings.Unix(Path.of("/run/ecledger/ctl"), "0666", true, true));
        assertThat(settings.notes()).contains("controlListener.path (ECLEDGER_CONTROL) /run/ecledger/ctl is served "
                + "instead of the 3 Listen entries of eccluster.conf's Control_Listener");
    }

    @Test
    void aFileWithoutListenServesTheDefaultSocketOwnerAndGroupOnlyWithAuthenticationAndAuthorization() {
        ListenerSettings settings = ListenerSettings.from(conf(""), Optional.empty());

        assertThat(settings.endpoints()).containsExactly(new ListenerSettings.Unix(Path.of("/tmp/2025"), "0660",
                true, true));
        assertThat(settings.timeout()).isEmpty();
    }

    @Test
    void aListenThatIsNeitherAPathNorHostAndPortIsRefused() {
        assertThatThrownBy(() -> ListenerSettings.from(conf("""
                Control_Listener {
                  Enable_Authentication = "true"
                  Listen "localhost:ssh" {
                  }
                }
                """), Optional.empty())).hasMessage("control listener: Listen \"localhost:ssh\" is neither a socket path "
                + "nor host:port");
    }

    @Test
    void aNonLoopbackAddressIsAllowedOnlyWithAuthentication() {
        String conf = """
                Control_Listener {
                  Enable_Authentication = "%s"
                  Listen "0.0.0.0:2027" {
                  }
                }
                """;

        assertThat(ListenerSettings.from(conf(conf.formatted("true")), Optional.empty()).endpoints())
                .containsExactly(new ListenerSettings.Tcp("0.0.0.0", 2027, true, true));
        assertThatThrownBy(() -> ListenerSettings.from(conf(conf.formatted("false")), Optional.empty()))
                .hasMessageContaining("Listen \"0.0.0.0:2027\" is not a loopback address");
    }
}
