package io.ecledger.api.datadir;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBroker.class)
class DataDirectoryIT {

    @Test
    void aStartedManagersDataDirectoryIsTheOwnersOnly(KafkaBroker.Handle broker) throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().start()) {
            assertThat(cluster.manager().console("broadcast version").statusCode()).isEqualTo(200);

            assertThat(Files.getPosixFilePermissions(cluster.data())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(cluster.data().resolve(ManagerKey.PRIVATE_FILE)))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }
}
