package io.ecledger.node.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents of one {@code ecnode} process, started and stopped on a bounded pool: a clean stop of each agent waits
 * for its last transaction and its {@code NodeLeft}, so hundreds of them one after another take minutes. Each agent's
 * start and stop is independent of the others': one that fails is reported and the rest go on.
 */
public final class AgentFleet {

    private static final Logger LOG = LoggerFactory.getLogger(AgentFleet.class);

    /** The default number of agents started or stopped at once: enough to overlap their waits on the broker. */
    public static final int DEFAULT_PARALLELISM = 32;

    private final List<NodeAgent> agents;
    private final int parallelism;

    /** A fleet of {@code agents}, started and stopped at most {@code parallelism} at a time. */
    public AgentFleet(List<NodeAgent> agents, int parallelism) {
        this.agents = List.copyOf(agents);
        if (parallelism < 1) {
            throw new IllegalArgumentException("the parallelism must be at least 1, was " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /** The agents, in the order given. */
    public List<NodeAgent> agents() {
        return agents;
    }

    /** Starts every agent; returns the ones whose start threw, each logged, after every other one was started. */
    public List<NodeAgent> start() {
        return onEach("start", NodeAgent::start);
    }

    /** Stops every agent cleanly and waits for all of them; returns the ones whose stop threw, each logged. */
    public List<NodeAgent> stop() {
        return onEach("stop", NodeAgent::stop);
    }

    private List<NodeAgent> onEach(String what, Consumer<NodeAgent> step) {
        if (agents.isEmpty()) {
            return List.of();
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, agents.size()), task -> {
            Thread thread = new Thread(task, "ecnode-" + what + "-" + threads.incrementAndGet());
            // the pool must not keep a JVM alive that a shutdown hook is stopping
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<NodeAgent> failed = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<?>[] steps = agents.stream().map(agent -> CompletableFuture.runAsync(() -> {
                try {
                    step.accept(agent);
                } catch (RuntimeException e) {
                    LOG.error("node agent {} failed node={}", what, agent.identity().node(), e);
                    failed.add(agent);
                }
            }, pool)).toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(steps).join();
            return List.copyOf(failed);
        } finally {
            pool.shutdown();
        }
    }

    @Override
    public String toString() {
        return "AgentFleet[" + agents.size() + " agents, " + parallelism + " at a time]";
    }
}
