package io.ecledger.ledger.command;

/** Which nodes a command is for: every node, one subcluster's nodes, or one node. */
public sealed interface Target permits Target.Broadcast, Target.Subcluster, Target.Unicast {

    /** True when a node named {@code node} in {@code subcluster} must run a command sent to this target. */
    boolean includes(String node, String subcluster);

    /** How an operator would name this target: {@code broadcast}, {@code subcluster west}, {@code node rh52bare}. */
    String describe();

    /** Every node of the cluster. */
    record Broadcast() implements Target {
        @Override
        public boolean includes(String node, String subcluster) {
            return true;
        }

        @Override
        public String describe() {
            return "broadcast";
        }
    }

    /** Every node of one subcluster. */
    record Subcluster(String name) implements Target {
        public Subcluster {
            Names.require("subcluster", name);
        }

        @Override
        public boolean includes(String node, String subcluster) {
            return name.equals(subcluster);
        }

        @Override
        public String describe() {
            return "subcluster " + name;
        }
    }

    /** One node. */
    record Unicast(String node) implements Target {
        public Unicast {
            Names.require("node", node);
        }

        @Override
        public boolean includes(String node, String subcluster) {
            return this.node.equals(node);
        }

        @Override
        public String describe() {
            return "node " + node;
        }
    }
}
