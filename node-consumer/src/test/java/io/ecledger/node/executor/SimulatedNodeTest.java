package io.ecledger.node.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.node.executor.ExecutionResult.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedNodeTest {

    private final SimulatedNode node = SimulatedNode.of("rh52bare", "east");

    @Test
    void versionNamesTheEcelerityBuildAndTheNode() {
        assertThat(node.run("version")).isEqualTo(ExecutionResult.ok(SimulatedNode.ECELERITY_VERSION + " on rh52bare"));
    }

    @Test
    void summaryCountersChangeFromOneCallToTheNext() {
        ExecutionResult first = node.run("summary");
        ExecutionResult second = node.run("summary");
        assertThat(first.status()).isEqualTo(Status.OK);
        assertThat(first.output()).contains("Node: rh52bare (subcluster east)", "Messages received:");
        assertThat(second.output()).isNotEqualTo(first.output());
    }

    @Test
    void sieveFlushCacheNamesTheSieve() {
        assertThat(node.run("sieve:spam flush cache")).isEqualTo(ExecutionResult.ok("sieve:spam cache flushed"));
        assertThat(node.run("summary").output()).contains("Sieve cache flushes: 1");
    }

    @Test
    void sieveWithoutFlushCacheIsRejected() {
        assertThat(node.run("sieve:spam flush").status()).isEqualTo(Status.REJECTED);
    }

    @Test
    void clusterMembershipListsTheNodesView() {
        SimulatedNode peered = new SimulatedNode("rh52bare", "east", Map.of("rh52bar2", "west", "rh52mgr", "east"));
        assertThat(peered.run("cluster membership").output())
                .contains("rh52bare subcluster=east (self)", "rh52mgr subcluster=east", "rh52bar2 subcluster=west");
    }

    @Test
    void duravipMoveChangesTheOwnerShownByShowAndAnnounceView() {
        assertThat(node.run("cluster duravip show").output()).isEqualTo("DuraVIP bindings: none");

        assertThat(node.run("cluster duravip move 10.0.5.139 to rh52bare"))
                .isEqualTo(ExecutionResult.ok("DuraVIP 10.0.5.139 moved from (nobody) to rh52bare"));
        assertThat(node.run("cluster duravip announce view").output())
                .startsWith("rh52bare announces 1 binding(s): 10.0.5.139")
                .contains("10.0.5.139 owner=rh52bare");

        assertThat(node.run("cluster duravip move 10.0.5.139 to rh52bar2").output())
                .isEqualTo("DuraVIP 10.0.5.139 moved from rh52bare to rh52bar2");
        assertThat(node.run("cluster duravip announce view").output())
                .startsWith("rh52bare announces 0 binding(s)")
                .contains("10.0.5.139 owner=rh52bar2");
        assertThat(node.run("cluster duravip show").output()).contains("10.0.5.139 owner=rh52bar2");
        assertThat(node.bindingOwners()).containsExactly(Map.entry("10.0.5.139", "rh52bar2"));
    }

    @Test
    void nodesApplyingTheSameMovesInTheSameOrderAgreeOnTheOwner() {
        SimulatedNode other = SimulatedNode.of("rh52bar2", "west");
        for (String move : new String[] {"cluster duravip move 10.0.5.139 to rh52bare",
                "cluster duravip move 10.0.5.140 to rh52mgr", "cluster duravip move 10.0.5.139 to rh52bar2"}) {
            node.run(move);
            other.run(move);
        }
        assertThat(node.bindingOwners()).isEqualTo(other.bindingOwners())
                .containsEntry("10.0.5.139", "rh52bar2").containsEntry("10.0.5.140", "rh52mgr");
    }

    @Test
    void malformedDuravipMovesAreRejectedAndChangeNothing() {
        assertThat(node.run("cluster duravip move 10.0.5.300 to rh52bare").status()).isEqualTo(Status.REJECTED);
        assertThat(node.run("cluster duravip move 10.0.5.1 rh52bare").status()).isEqualTo(Status.REJECTED);
        assertThat(node.run("cluster duravip move 10.0.5.1 to bad/name").status()).isEqualTo(Status.REJECTED);
        assertThat(node.bindingOwners()).isEmpty();
    }

    @Test
    void unknownClusterCommandIsAnError() {
        assertThat(node.run("cluster frob")).isEqualTo(ExecutionResult.error("Unknown cluster command 'frob'"));
    }

    @Test
    void configSetThenGetAndEvalAnswerTheNewValue() {
        assertThat(node.run("config set Max_Outbound_Connections = 500"))
                .isEqualTo(ExecutionResult.ok("Max_Outbound_Connections = 500 in (global)"));
        assertThat(node.run("config get max_outbound_connections"))
                .isEqualTo(ExecutionResult.ok("Max_Outbound_Connections = 500"));
        assertThat(node.run("config set Debug_Level debug").status()).isEqualTo(Status.OK);
        assertThat(node.run("config eval Debug_Level").output()).isEqualTo("Debug_Level = \"debug\"  # set here");
    }

    @Test
    void configEvalFallsBackToEnclosingScopesThenTheDefaultWhereGetFindsNothing() {
        assertThat(node.run("config get Max_Resident_Active_Queue").output())
                .isEqualTo("Max_Resident_Active_Queue is not set in (global)");
        assertThat(node.run("config eval Max_Resident_Active_Queue").output())
                .isEqualTo("Max_Resident_Active_Queue = 250  # default");
        assertThat(node.run("config eval Control_Listener Listen /tmp/2025 Timeout").output()).isEqualTo("Timeout = 60  # default");
        assertThat(node.run("config get Server_Name").output()).isEqualTo("Server_Name = \"rh52bare\"");
    }

    @Test
    void configUnsetRemovesTheNodesOwnSetting() {
        node.run("config set Debug_Level debug");

        assertThat(node.run("config unset Debug_Level").output()).isEqualTo("Debug_Level unset in (global)");
        assertThat(node.run("config get Debug_Level").output()).isEqualTo("Debug_Level is not set in (global)");
    }

    @Test
    void configRefusesWrongTypesAndMalformedLinesWithoutChangingAnything() {
        assertThat(node.run("config set Max_Outbound_Connections lots")).isEqualTo(ExecutionResult.rejected(
                "config set: Max_Outbound_Connections takes a whole number, not \"lots\""));
        assertThat(node.run("config get Max_Outbound_Connections").output()).isEqualTo("Max_Outbound_Connections = 20000");
        assertThat(node.run("config set Debug_Level")).isEqualTo(ExecutionResult.rejected("config set: missing value"));
        assertThat(node.run("config").status()).isEqualTo(Status.REJECTED);
        assertThat(node.run("config writeback"))
                .isEqualTo(ExecutionResult.error("config writeback is answered by the cluster manager, not by a node"));
    }

    @Test
    void unknownCommandIsAnErrorNotAnException() {
        assertThat(node.run("frobnicate now")).isEqualTo(ExecutionResult.error("Unknown command 'frobnicate'"));
        assertThat(node.run("version extra").status()).isEqualTo(Status.ERROR);
    }

    @Test
    void emptyCommandIsRejected() {
        assertThat(node.run("   ").status()).isEqualTo(Status.REJECTED);
    }

    @Test
    void invalidNodeNamesAreRefusedAtConstruction() {
        assertThatThrownBy(() -> SimulatedNode.of("bad name", "east"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node 'bad name'");
    }
}
