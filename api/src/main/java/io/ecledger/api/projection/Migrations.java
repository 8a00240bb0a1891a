package io.ecledger.api.projection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the H2 schema up to date: numbered SQL resources ({@code migrations/001.sql}, {@code 002.sql}, …)
 * applied in order, each recorded in {@code schema_version}.
 *
 * <p>Why not Dropwizard's own {@code dropwizard-migrations} (Liquibase): with Dropwizard 5.0.1 it brings
 * liquibase-core 4.33.0 and with it commons-io 2.19.0, while Avro (via commons-compress) needs 2.20.0, so the
 * enforcer's dependencyConvergence fails and would need a pin. For one append-only schema that is only ever
 * migrated forward by this process, this thirty-line runner is enough.
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final String DIRECTORY = "migrations/";

    private final Jdbi jdbi;
    private final Clock clock;

    public Migrations(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Applies every migration newer than the database's version; returns the version reached. */
    public int migrate() {
        return jdbi.inTransaction(handle -> {
            handle.execute("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version    INT                      NOT NULL PRIMARY KEY,
                        applied_at TIMESTAMP WITH TIME ZONE NOT NULL
                    )""");
            int current = handle.createQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")
                    .mapTo(Integer.class).one();
            int version = current;
            for (String sql = script(version + 1); sql != null; sql = script(version + 1)) {
                version++;
                apply(handle, version, sql);
            }
            if (version == current) {
                LOG.debug("projection schema is at version {}", version);
            }
            return version;
        });
    }

    private void apply(Handle handle, int version, String sql) {
        // H2 commits each DDL statement itself: a failed migration leaves its earlier statements behind
        handle.createScript(sql).execute();
        handle.createUpdate("INSERT INTO schema_version (version, applied_at) VALUES (:version, :at)")
                .bind("version", version)
                .bind("at", Instant.now(clock))
                .execute();
        LOG.info("migrated projection schema to version {}", version);
    }

    /** The text of migration {@code version}, or null when there is none. */
    static String script(int version) {
        String name = DIRECTORY + String.format("%03d.sql", version);
        try (InputStream in = Migrations.class.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + name, e);
        }
    }
}
