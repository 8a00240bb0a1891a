package io.ecledger.bench;

import io.ecledger.ledger.event.NodeIdentity;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.node.agent.AgentFleet;
import io.ecledger.node.agent.AgentSettings;
import io.ecledger.node.agent.NodeAgent;
import io.ecledger.node.executor.SimulatedNode;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;

/** Simulated node agents in this JVM, started and stopped in parallel as {@code ecnode} does ({@link AgentFleet}). */
final class Fleet implements SimulatedFleet {

    private final List<String> nodes;
    private final AgentFleet agents;

    private Fleet(List<String> nodes, AgentFleet agents) {
        this.nodes = nodes;
        this.agents = agents;
    }

    /** {@code size} agents named {@code prefix00…}, each with a {@link SimulatedNode} and the default settings. */
    static Fleet start(String servers, TopicLayout layout, PublicKey managerKey, String prefix, int size) {
        List<String> nodes = IntStream.range(0, size).mapToObj(i -> String.format("%s%04d", prefix, i)).toList();
        List<NodeAgent> built = nodes.stream().map(node -> new NodeAgent(servers, layout,
                new NodeIdentity(node, "bench", "localhost", "bench"), managerKey, SimulatedNode.of(node, "bench"),
                Clock.systemUTC(), AgentSettings.defaults())).toList();
        AgentFleet fleet = new AgentFleet(built, AgentFleet.DEFAULT_PARALLELISM);
        List<NodeAgent> failed = fleet.start();
        if (!failed.isEmpty()) {
            fleet.stop();
            throw new IllegalStateException(failed.size() + " of " + size + " node agents did not start");
        }
        return new Fleet(nodes, fleet);
    }

    @Override
    public List<String> nodes() {
        return nodes;
    }

    List<NodeAgent> agents() {
        return agents.agents();
    }

    @Override
    public void close() {
        agents.stop();
    }
}
