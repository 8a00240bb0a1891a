package io.ecledger.api.testing;

import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.sign.NodeKey;
import io.ecledger.node.agent.AgentSettings;
import io.ecledger.node.agent.NodeAgent;
import io.ecledger.node.executor.Executor;
import io.ecledger.node.executor.SimulatedNode;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The seed's three simulated nodes, rh52bare@east, rh52mgr@east and rh52bar2@west, as real agents of a {@link Cluster}. */
final class SeedNodes implements AutoCloseable {

    private final List<NodeAgent> agents;
    private final Map<String, AtomicLong> executorCalls;

    private SeedNodes(List<NodeAgent> agents, Map<String, AtomicLong> executorCalls) {
        this.agents = agents;
        this.executorCalls = executorCalls;
    }

    /** The three seed nodes: name and subcluster. */
    static final String[][] SEED = {{"rh52bare", "east"}, {"rh52mgr", "east"}, {"rh52bar2", "west"}};

    /** The three agents, pinning the manager's {@code managerKey} and signing with {@code nodeKeys}. */
    static SeedNodes start(String bootstrapServers, TopicLayout layout, PublicKey managerKey, Map<String, NodeKey> nodeKeys) {
        List<NodeAgent> agents = new ArrayList<>();
        Map<String, AtomicLong> calls = new LinkedHashMap<>();
        for (String[] node : SEED) {
            AtomicLong count = new AtomicLong();
            calls.put(node[0], count);
            Executor simulated = SimulatedNode.of(node[0], node[1]);
            // counted, so an attack test can assert that nothing ran
            Executor counted = commandText -> {
                count.incrementAndGet();
                return simulated.run(commandText);
            };
            NodeAgent agent = new NodeAgent(bootstrapServers, layout,
                    new NodeIdentity(node[0], node[1], node[0] + ".example.com", "test"), managerKey,
                    nodeKeys.get(node[0]), counted, Clock.systemUTC(), AgentSettings.defaults(),
                    new SkippedRecords());
            agent.start();
            agents.add(agent);
        }
        return new SeedNodes(agents, calls);
    }

    /** How many times each node's executor was called, by node. */
    Map<String, Long> executorCalls() {
        Map<String, Long> now = new LinkedHashMap<>();
        executorCalls.forEach((node, count) -> now.put(node, count.get()));
        return now;
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
