package io.ecledger.ledger.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuorumTest {

    private static final String ID = "MkU3OEVBNTcwNTJENDM2Qk";
    private static final String THREE = "3@127.0.0.1:19194,1@127.0.0.1:19192,2@127.0.0.1:19193";

    @Test
    void votersAreWrittenInNodeOrderAsKafkaReadsThem() {
        assertThat(Quorum.parse(1, THREE, ID).voters())
                .isEqualTo("1@127.0.0.1:19192,2@127.0.0.1:19193,3@127.0.0.1:19194");
    }

    @Test
    void threeVotersReplicateThreeTimesAndNeedTwoInSync() {
        Quorum quorum = Quorum.parse(3, THREE, ID);
        assertThat(quorum.replicationFactor()).isEqualTo(3);
        assertThat(quorum.minInsyncReplicas()).isEqualTo(2);
        assertThat(quorum.controllerPort()).isEqualTo(19194);
    }

    @Test
    void twoVotersCannotLoseOneAndStillHaveTwoInSync() {
        Quorum two = Quorum.parse(1, "1@127.0.0.1:19192,2@127.0.0.1:19193", ID);
        assertThat(two.replicationFactor()).isEqualTo(2);
        assertThat(two.minInsyncReplicas()).isEqualTo(1);
    }

    @Test
    void aNodeOutsideTheVotersIsRefused() {
        assertThatThrownBy(() -> Quorum.parse(4, THREE, ID)).hasMessage("node 4 is not among the voters [1, 2, 3]");
    }

    @Test
    void votersOffThisMachineOrMalformedAreRefused() {
        assertThatThrownBy(() -> Quorum.parse(1, "1@10.0.0.1:19192,2@127.0.0.1:19193", ID))
                .hasMessage("voter '1@10.0.0.1:19192' is not ID@127.0.0.1:PORT");
        assertThatThrownBy(() -> Quorum.parse(1, "1@127.0.0.1:19192,1@127.0.0.1:19193", ID))
                .hasMessage("voter 1 is given twice");
        assertThatThrownBy(() -> Quorum.parse(1, "1@127.0.0.1:19192,2@127.0.0.1:19192", ID))
                .hasMessageStartingWith("two voters share a controller port");
    }

    @Test
    void oneVoterIsNotAQuorum() {
        assertThatThrownBy(() -> Quorum.parse(1, "1@127.0.0.1:19192", ID)).hasMessageContaining("at least two voters");
    }

    @Test
    void aClusterIdNotInKafkasFormIsRefused() {
        assertThatThrownBy(() -> Quorum.parse(1, THREE, "my-cluster")).hasMessageStartingWith("cluster id must be 22");
    }
}
