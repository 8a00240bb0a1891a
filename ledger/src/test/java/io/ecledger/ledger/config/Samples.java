package io.ecledger.ledger.config;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The sample configuration files under {@code src/test/resources/config/}. */
final class Samples {

    private Samples() {}

    static Path path(String name) {
        try {
            return Path.of(Samples.class.getResource("/config/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no sample config/" + name, e);
        }
    }

    static ConfigTree parse(String name) {
        return ConfigParser.parse(path(name));
    }
}
