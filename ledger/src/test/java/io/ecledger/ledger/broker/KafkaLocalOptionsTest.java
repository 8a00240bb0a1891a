package io.ecledger.ledger.broker;

import java.nio.file.Files;
import java.nio.file.Path;

import io.ecledger.ledger.broker.KafkaLocal.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaLocalOptionsTest {

    @Test
    void noFlagsMeanPort9092AndDataUnderTheWorkingDirectory() {
        assertThat(Options.parse()).isEqualTo(new Options(9092, Path.of("data/kafka-local")));
    }

    @Test
    void portAndDataAreTakenAsSeparateOrJoinedValues() {
        assertThat(Options.parse("--port", "19092", "--data", "/tmp/k")).isEqualTo(new Options(19092, Path.of("/tmp/k")));
        assertThat(Options.parse("--data=/tmp/k", "--port=19092")).isEqualTo(new Options(19092, Path.of("/tmp/k")));
    }

    @Test
    void nodeIdQuorumAndClusterIdMakeAClusterMember() {
        Options options = Options.parse("--port", "19092", "--node-id", "2", "--quorum",
                "1@127.0.0.1:19192,2@127.0.0.1:19193,3@127.0.0.1:19194", "--cluster-id", "MkU3OEVBNTcwNTJENDM2Qk");

        assertThat(options.quorum()).hasValueSatisfying(q -> {
            assertThat(q.nodeId()).isEqualTo(2);
            assertThat(q.controllerPort()).isEqualTo(19193);
            assertThat(q.replicationFactor()).isEqualTo(3);
            assertThat(q.minInsyncReplicas()).isEqualTo(2);
        });
        assertThat(Options.parse().quorum()).isEmpty();
    }

    @Test
    void aClusterMemberNeedsAllThreeQuorumFlags() {
        assertThatThrownBy(() -> Options.parse("--node-id", "1", "--cluster-id", "MkU3OEVBNTcwNTJENDM2Qk"))
                .hasMessage("--node-id, --quorum and --cluster-id go together: a cluster node needs all three");
    }

    @Test
    void anUnknownFlagIsRefusedByName() {
        assertThatThrownBy(() -> Options.parse("--prot", "1")).hasMessage("unknown argument '--prot'");
    }

    @Test
    void aFlagWithoutItsValueIsRefused() {
        assertThatThrownBy(() -> Options.parse("--port")).hasMessage("--port needs a value");
    }

    @Test
    void aPortThatIsNoNumberOrOutOfRangeIsRefused() {
        assertThatThrownBy(() -> Options.parse("--port", "abc")).hasMessage("--port must be a number, was 'abc'");
        assertThatThrownBy(() -> Options.parse("--port", "70000")).hasMessage("--port must be 1-65535, was 70000");
    }

    @Test
    void usersSuperUserAndAclsTurnOnSaslScramWithTheStandardAuthorizer(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.properties");
        Files.writeString(users, "admin=admin-secret\neccmgr=eccmgr-secret\n");

        Options options = Options.parse("--users", users.toString(), "--super-user=admin", "--acls");

        assertThat(options.security()).isEqualTo(BrokerSecurity.scram("admin", "admin-secret")
                .withUser("eccmgr", "eccmgr-secret").withAcls());
        assertThat(Options.parse().security()).isEqualTo(BrokerSecurity.open());
    }

    @Test
    void aclsWithoutUsersAUserFileWithoutTheSuperUserOrHalfOfTheSaslFlagsAreRefused(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.properties");
        Files.writeString(users, "eccmgr=eccmgr-secret\n");

        assertThatThrownBy(() -> Options.parse("--acls")).hasMessageStartingWith("--acls needs --users FILE");
        assertThatThrownBy(() -> Options.parse("--users", users.toString()))
                .hasMessage("--users FILE and --super-user NAME go together: SASL needs both");
        assertThatThrownBy(() -> Options.parse("--users", users.toString(), "--super-user", "admin").security())
                .hasMessage("--super-user admin has no password in " + users);
        assertThatThrownBy(() -> Options.parse("--users", dir.resolve("none").toString(), "--super-user", "admin").security())
                .hasMessageStartingWith("--users: cannot read " + dir.resolve("none"));
    }
}
