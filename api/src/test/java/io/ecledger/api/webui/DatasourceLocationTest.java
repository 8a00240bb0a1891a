package io.ecledger.api.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.db.DataSourceFactory;
import io.ecledger.api.EcledgerConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasourceLocationTest {

    private static final Path SHIPPED = Path.of("..", "ops", "conf");

    @TempDir
    Path dir;

    private Path data() {
        return dir.resolve("data");
    }

    private Path conf(String body) throws IOException {
        return Files.writeString(dir.resolve("eccluster.conf"), body);
    }

    private Path datasource(String uri) throws IOException {
        return conf("Datasource \"ecdb\" {\n  driver = \"org.h2.Driver\"\n  uri = \"" + uri + "\"\n}\n");
    }

    private Optional<DatasourceLocation> read(Path baseFile) {
        return DatasourceLocation.read(baseFile, data());
    }

    private Path shippedCopy() throws IOException {
        for (String file : new String[] {"eccluster.conf", "webui-common.conf"}) {
            Files.copy(SHIPPED.resolve(file), dir.resolve(file));
        }
        return dir.resolve("eccluster.conf");
    }

    @Test
    void theShippedFilesRelativeNameIsTodaysDefaultUnderTheDataDirectory() throws IOException {
        DatasourceLocation shipped = read(shippedCopy()).orElseThrow();

        assertThat(shipped.uri()).isEqualTo("jdbc:h2:file:ecledger");
        // what EcledgerConfiguration computed before the file could say
        assertThat(shipped.url()).isEqualTo("jdbc:h2:file:" + data().toAbsolutePath().normalize().resolve("ecledger"))
                .isEqualTo(DatasourceLocation.defaultUrl(data()));
    }

    @Test
    void aRelativeNameIsUnderTheDataDirectoryAndAnAbsoluteOneIsItself() throws IOException {
        assertThat(read(datasource("jdbc:h2:file:./views/../db/ecledger")).orElseThrow().url())
                .isEqualTo("jdbc:h2:file:" + data().toAbsolutePath().resolve("db").resolve("ecledger"));
        assertThat(read(datasource("jdbc:h2:file:/var/lib/ecledger/views")).orElseThrow().url())
                .isEqualTo("jdbc:h2:file:/var/lib/ecledger/views");
    }

    @Test
    void noFileNoDatasourceEcdbOrNoUriInItLeavesTheDatabaseToTheYaml() throws IOException {
        assertThat(read(dir.resolve("absent.conf"))).isEmpty();
        assertThat(read(conf("Server_Name = \"eccmgr\"\n"))).isEmpty();
        assertThat(read(conf("Datasource \"other\" {\n  uri = \"jdbc:h2:file:/x\"\n}\n"))).isEmpty();
        assertThat(read(conf("Datasource \"ecdb\" {\n  driver = \"org.h2.Driver\"\n}\n"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://db.example.com/ecledger", "jdbc:h2:mem:ecledger",
            "jdbc:h2:tcp://localhost/ecledger", "ecledger"})
    void aUriOtherThanAnH2FileRefusesTheStart(String uri) throws IOException {
        Path file = datasource(uri);

        assertThatThrownBy(() -> read(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Datasource \"ecdb\" in " + file.toAbsolutePath())
                .hasMessageContaining("uri \"" + uri + "\": the manager's database is an H2 file, so the uri is "
                        + "jdbc:h2:file:NAME");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:h2:file:", "jdbc:h2:file:ecledger;INIT=RUNSCRIPT FROM '/tmp/x.sql'",
            "jdbc:h2:file:ecledger;AUTO_SERVER=TRUE"})
    void anH2FileUriWithNoNameOrWithSettingsRefusesTheStart(String uri) throws IOException {
        Path file = datasource(uri);

        assertThatThrownBy(() -> read(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("comes the file's name alone, with no ';' settings");
    }

    @Test
    void aDriverOtherThanH2sOrAUriThatIsNoStringRefusesTheStart() throws IOException {
        Path mysql = conf("Datasource \"ecdb\" {\n  driver = \"com.mysql.cj.jdbc.Driver\"\n"
                + "  uri = \"jdbc:h2:file:ecledger\"\n}\n");
        assertThatThrownBy(() -> read(mysql)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("driver \"com.mysql.cj.jdbc.Driver\": the manager's database is H2");

        Path list = conf("Datasource \"ecdb\" {\n  uri = ( \"a\" \"b\" )\n}\n");
        assertThatThrownBy(() -> read(list)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("uri is ( \"a\" \"b\" ), not a single string");
    }

    @Test
    void aYamlUrlNamingAnotherFileIsRefusedNamingBothAndWhatToChange() throws IOException {
        DatasourceLocation file = read(datasource("jdbc:h2:file:ecledger")).orElseThrow();

        assertThatThrownBy(() -> file.requireSameDatabase("jdbc:h2:file:/elsewhere/ecledger"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("database.url in the YAML is jdbc:h2:file:/elsewhere/ecledger")
                .hasMessageContaining("uri \"jdbc:h2:file:ecledger\" is " + file.url())
                .hasMessageContaining("change the uri of Datasource \"ecdb\" to the database you mean and remove "
                        + "database.url from the YAML");
        assertThatThrownBy(() -> file.requireSameDatabase("jdbc:h2:mem:ecledger"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("two databases named");
    }

    @Test
    void aYamlUrlNamingTheSameFileIsTakenWithItsSettings() throws IOException {
        DatasourceLocation file = read(datasource("jdbc:h2:file:ecledger")).orElseThrow();
        Path relative = Path.of("").toAbsolutePath().relativize(data().toAbsolutePath().resolve("ecledger"));

        file.requireSameDatabase(file.url());
        file.requireSameDatabase(file.url() + ";AUTO_SERVER=TRUE");
        // H2 resolves a relative name against the working directory
        file.requireSameDatabase("jdbc:h2:file:./" + relative);
    }

    @Test
    void theManagersConfigurationOpensWhatTheFileSaysOrTodaysDefaultAndRefusesAYamlThatDisagrees() throws IOException {
        EcledgerConfiguration shipped = configuration(shippedCopy());
        assertThat(shipped.getDatabase().getUrl()).isEqualTo("jdbc:h2:file:" + shipped.dataPath().resolve("ecledger"));
        assertThat(shipped.getDatabase().getDriverClass()).isEqualTo("org.h2.Driver");

        EcledgerConfiguration absolute = configuration(datasource("jdbc:h2:file:/var/lib/ecledger/views"));
        assertThat(absolute.getDatabase().getUrl()).isEqualTo("jdbc:h2:file:/var/lib/ecledger/views");

        EcledgerConfiguration none = configuration(dir.resolve("absent.conf"));
        assertThat(none.getDatabase().getUrl()).isEqualTo(DatasourceLocation.defaultUrl(data()));

        EcledgerConfiguration disagreeing = configuration(dir.resolve("eccluster.conf"));
        DataSourceFactory yaml = new DataSourceFactory();
        yaml.setDriverClass("org.h2.Driver");
        yaml.setUrl("jdbc:h2:file:/elsewhere/ecledger");
        disagreeing.setDatabase(yaml);
        assertThatThrownBy(disagreeing::getDatabase).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two databases named");

        EcledgerConfiguration agreeing = configuration(dir.resolve("eccluster.conf"));
        yaml.setUrl("jdbc:h2:file:/var/lib/ecledger/views;AUTO_SERVER=TRUE");
        agreeing.setDatabase(yaml);
        assertThat(agreeing.getDatabase().getUrl()).isEqualTo("jdbc:h2:file:/var/lib/ecledger/views;AUTO_SERVER=TRUE");
    }

    private EcledgerConfiguration configuration(Path baseFile) {
        EcledgerConfiguration config = new EcledgerConfiguration();
        config.setDataDirectory(data().toString());
        config.setEcclusterConf(baseFile.toString());
        return config;
    }
}
