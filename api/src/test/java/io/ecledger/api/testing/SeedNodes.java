package io.ecledger.api.testing;

import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.sign.NodeKey;
import io.ecledger.node.agent.AgentSettings;
import io.ecledger.node.agent.NodeAgent;
import io.ecledger.node.executor.SimulatedNode;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The seed's three simulated nodes, rh52bare@east, rh52mgr@east and rh52bar2@west, as real agents of a {@link Cluster}. */
final class SeedNodes implements AutoCloseable {

    private final List<NodeAgent> agents;

    private SeedNodes(List<NodeAgent> agents) {
        this.agents = agents;
    }

    /** The three seed nodes: name and subcluster. */
    static final String[][] SEED = {{"rh52bare", "east"}, {"rh52mgr", "east"}, {"rh52bar2", "west"}};

    /** The three agents, pinning the manager's {@code managerKey} and signing with {@code nodeKeys}. */
    static SeedNodes start(String bootstrapServers, TopicLayout layout, PublicKey managerKey, Map<String, NodeKey> nodeKeys) {
        List<NodeAgent> agents = new ArrayList<>();
        for (String[] node : SEED) {
            NodeAgent agent = new NodeAgent(bootstrapServers, layout,
                    new NodeIdentity(node[0], node[1], node[0] + ".example.com", "test"), managerKey,
                    nodeKeys.get(node[0]), SimulatedNode.of(node[0], node[1]), Clock.systemUTC(), AgentSettings.defaults(),
                    new SkippedRecords());
            agent.start();
            agents.add(agent);
        }
        return new SeedNodes(agents);
    }

    /** Stops one node's agent cleanly: it says {@code NodeLeft}. */
    void stop(String node) {
        agents.stream().filter(a -> a.identity().node().equals(node)).forEach(NodeAgent::stop);
    }

    @Override
    public void close() {
        agents.forEach(NodeAgent::close);
    }
}
