package io.ecledger.node.agent;

/** A node agent stopped on its own: a fatal Kafka error (fenced, not authorized) or a bug. */
public final class AgentCrashedException extends RuntimeException {

    private final String node;

    public AgentCrashedException(String node, Throwable cause) {
        super("node agent " + node + " stopped: " + cause, cause);
        this.node = node;
    }

    /** The node whose agent stopped. */
    public String node() {
        return node;
    }
}
