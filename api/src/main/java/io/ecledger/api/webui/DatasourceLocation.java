package io.ecledger.api.webui;

import io.ecledger.ledger.config.ConfigItem;
import io.ecledger.ledger.config.ConfigParser;
import io.ecledger.ledger.config.ConfigTree;
import io.ecledger.ledger.config.ConfigValue;
import io.ecledger.ledger.event.ScopeStep;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The H2 file named by {@code Datasource "ecdb"}'s {@code uri} in the base eccluster.conf (or a file it includes),
 * where Momentum's installer writes the database location. Read from the base file alone, before the database
 * opens: the folded configuration lives in that very database. {@code uri} is as written, {@code url} the JDBC url
 * opened, a relative name resolved under the data directory.
 */
public record DatasourceLocation(String uri, String url, Path baseFile) {

    /** The {@code Datasource} instance the manager's own database is. */
    public static final String INSTANCE = "ecdb";
    /** The only kind of {@code uri} taken: an embedded H2 file. */
    public static final String H2_FILE = "jdbc:h2:file:";
    /** The only {@code driver} taken. */
    public static final String H2_DRIVER = "org.h2.Driver";

    private static final List<ScopeStep> SCOPE = List.of(ScopeStep.named("Datasource", INSTANCE));

    public DatasourceLocation {
        if (!url.startsWith(H2_FILE)) {
            throw new IllegalArgumentException("datasource " + uri + ": " + url + " is not an H2 file url");
        }
        baseFile = baseFile.toAbsolutePath().normalize();
    }

    /** The H2 file when neither the YAML nor the base file names one: {@code <dataDirectory>/ecledger}. */
    public static String defaultUrl(Path dataDirectory) {
        return H2_FILE + dataDirectory.toAbsolutePath().normalize().resolve("ecledger");
    }

    /**
     * What the base file at {@code baseFile} says, its relative names under {@code dataDirectory}; empty when there
     * is no such file, no {@code Datasource "ecdb"} in it, or no {@code uri} in that. Refused (the message is for the
     * start-up log) for a {@code uri} other than {@code jdbc:h2:file:NAME} and a {@code driver} other than H2's.
     */
    public static Optional<DatasourceLocation> read(Path baseFile, Path dataDirectory) {
        if (!Files.exists(baseFile)) {
            // as ConfigService: a manager with no eccluster.conf yet runs on the YAML's database
            return Optional.empty();
        }
        // as ConfigService parses it, includes and all, but without the ledger's changes
        ConfigTree base = ConfigParser.parse(baseFile);
        Optional<String> driver = scalar(base, "driver", baseFile);
        if (driver.isPresent() && !driver.get().equals(H2_DRIVER)) {
            throw new IllegalStateException(where(baseFile) + " driver \"" + driver.get() + "\": the manager's database"
                    + " is H2, so its driver is \"" + H2_DRIVER + "\"; set that or remove the driver line");
        }
        return scalar(base, "uri", baseFile).map(uri -> new DatasourceLocation(uri,
                H2_FILE + resolve(uri, baseFile, dataDirectory), baseFile));
    }

    /**
     * Refuses, naming both and saying which to change, when the YAML's {@code database.url} is another database than
     * this: two places naming the database must not silently disagree about where the ledger's views are. Only the
     * file is compared, so the YAML may add H2 settings such as {@code ;AUTO_SERVER=TRUE}.
     */
    public void requireSameDatabase(String yamlUrl) {
        Path ours = Path.of(url.substring(H2_FILE.length()));
        Optional<Path> theirs = yamlFile(yamlUrl);
        if (theirs.isEmpty() || !theirs.get().equals(ours)) {
            throw new IllegalStateException("two databases named: database.url in the YAML is " + yamlUrl + ", but "
                    + where(baseFile) + " uri \"" + uri + "\" is " + url + "; change the uri of Datasource \""
                    + INSTANCE + "\" to the database you mean and remove database.url from the YAML"
                    + " (or make database.url name that same file)");
        }
    }

    // a name with no settings: the file decides where the database is, never what runs when it opens (an INIT=
    // setting runs SQL, and 'config writeback' can put a ledger value into this file)
    private static Path resolve(String uri, Path baseFile, Path dataDirectory) {
        if (!uri.startsWith(H2_FILE)) {
            throw new IllegalStateException(where(baseFile) + " uri \"" + uri + "\": the manager's database is an H2"
                    + " file, so the uri is " + H2_FILE + "NAME, e.g. " + H2_FILE
                    + "ecledger (under the data directory) or " + H2_FILE + "/var/lib/ecledger/ecledger");
        }
        String name = uri.substring(H2_FILE.length());
        if (name.isBlank() || name.contains(";") || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalStateException(where(baseFile) + " uri \"" + uri + "\": after " + H2_FILE + " comes the"
                    + " file's name alone, with no ';' settings (those belong in database.url of the YAML)");
        }
        try {
            return home(name).map(Path::normalize)
                    .orElseGet(() -> dataDirectory.toAbsolutePath().normalize().resolve(name).normalize());
        } catch (InvalidPathException e) {
            throw new IllegalStateException(where(baseFile) + " uri \"" + uri + "\": " + name + " is not a path", e);
        }
    }

    // H2 resolves a relative file against the working directory, and ~ to the user's home
    private static Optional<Path> yamlFile(String yamlUrl) {
        if (!yamlUrl.startsWith(H2_FILE)) {
            return Optional.empty();
        }
        String name = yamlUrl.substring(H2_FILE.length()).split(";", 2)[0];
        try {
            return Optional.of(home(name).orElseGet(() -> Path.of(name).toAbsolutePath()).normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    // absolute as it is; ~ as H2 takes it; empty for a relative name
    private static Optional<Path> home(String name) {
        if (name.equals("~") || name.startsWith("~/")) {
            return Optional.of(Path.of(System.getProperty("user.home") + name.substring(1)));
        }
        Path path = Path.of(name);
        return path.isAbsolute() ? Optional.of(path) : Optional.empty();
    }

    private static Optional<String> scalar(ConfigTree tree, String option, Path baseFile) {
        return tree.option(SCOPE, option).map(ConfigItem.Option::value).map(value -> {
            if (value instanceof ConfigValue.Scalar s) {
                return s.value().strip();
            }
            throw new IllegalStateException(where(baseFile) + " " + option + " is " + value.text()
                    + ", not a single string");
        });
    }

    private static String where(Path baseFile) {
        return "Datasource \"" + INSTANCE + "\" in " + baseFile.toAbsolutePath().normalize()
                + " (or a file it includes)";
    }
}
