package io.ecledger.api.info;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The manager's name and version, as the build stamped them. */
public final class Version {

    private static final String VERSION = loadVersion();

    private Version() {}

    /** The version of this build, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return VERSION;
    }

    /** The banner {@code version} prints and {@code GET /v1/version} carries: version and copyright, like eccmgr's. */
    public static String banner() {
        return "ecledger eccmgr version: " + VERSION + "\n"
                + "An event-sourced command ledger for Momentum-style clusters.\n"
                + "Copyright (c) 2026 the ecledger authors.";
    }

    private static String loadVersion() {
        try (InputStream in = Version.class.getResourceAsStream("/ecledger-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
