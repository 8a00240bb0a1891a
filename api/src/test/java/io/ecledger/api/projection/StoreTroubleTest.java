package io.ecledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

/** Which failures of a batch are the store's (retried until it mends) and which are the batch's (the projection stops). */
class StoreTroubleTest {

    @Test
    void aFullDiskDeepInsideIsAStoreTroubleNamedByItsInnermostCause() {
        Exception failure = new UnableToExecuteStatementException("Could not get read-only status for a connection",
                new SQLException("General error: Writing to FileChannel failed", "HY000", 50000,
                        new IOException("No space left on device")), null);

        assertThat(StoreTrouble.of(failure)).get().extracting(StoreTrouble::reason)
                .isEqualTo("No space left on device (IOException)");
    }

    @Test
    void aDatabaseH2ClosedIsAStoreTrouble() {
        Exception failure = new UnableToExecuteStatementException(
                new SQLException("The database has been closed", "90098", 90098), null);

        assertThat(StoreTrouble.of(failure)).isPresent();
    }

    @Test
    void aValueTooLongForItsColumnIsTheBatchsTroubleNotTheStores() {
        Exception failure = new UnableToExecuteStatementException(
                new SQLException("Value too long for column \"HOST CHARACTER VARYING(8)\"", "22001", 22001), null);

        assertThat(StoreTrouble.of(failure)).isEmpty();
    }
}
