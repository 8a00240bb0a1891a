package io.ecledger.ledger.broker;

import io.ecledger.ledger.kafka.TopicSettings;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * This broker's place in a multi-node KRaft cluster on this machine: its node id, the controller port of every voter
 * (each node is broker and controller), and the cluster id all of them were formatted with.
 */
public record Quorum(int nodeId, Map<Integer, Integer> controllerPorts, String clusterId) {

    private static final Pattern VOTER = Pattern.compile("(\\d{1,9})@127\\.0\\.0\\.1:(\\d{1,5})");
    // Kafka's cluster ids are 16 random bytes, base64url without padding
    private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    public Quorum {
        controllerPorts = Collections.unmodifiableMap(new TreeMap<>(controllerPorts));
        if (controllerPorts.size() < 2) {
            throw new IllegalArgumentException("a quorum needs at least two voters; one broker is a plain kafka-local");
        }
        if (!controllerPorts.containsKey(nodeId)) {
            throw new IllegalArgumentException("node " + nodeId + " is not among the voters " + controllerPorts.keySet());
        }
        controllerPorts.forEach((node, port) -> {
            if (node < 1 || port < 1 || port > 65_535) {
                throw new IllegalArgumentException("voter " + node + "@" + port + ": node ids start at 1, ports are 1-65535");
            }
        });
        if (controllerPorts.values().stream().distinct().count() != controllerPorts.size()) {
            throw new IllegalArgumentException("two voters share a controller port: " + controllerPorts);
        }
        if (clusterId == null || !CLUSTER_ID.matcher(clusterId).matches()) {
            throw new IllegalArgumentException("cluster id must be 22 base64url characters (as kafka-storage random-uuid "
                    + "prints), was '" + clusterId + "'");
        }
    }

    /** Reads {@code 1@127.0.0.1:19192,2@127.0.0.1:19193,...}: the voters, all on this machine's loopback. */
    public static Quorum parse(int nodeId, String voters, String clusterId) {
        Map<Integer, Integer> ports = new TreeMap<>();
        for (String voter : voters.split(",", -1)) {
            Matcher m = VOTER.matcher(voter.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("voter '" + voter + "' is not ID@127.0.0.1:PORT");
            }
            if (ports.put(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) != null) {
                throw new IllegalArgumentException("voter " + m.group(1) + " is given twice");
            }
        }
        return new Quorum(nodeId, ports, clusterId);
    }

    /** This node's controller port. */
    public int controllerPort() {
        return controllerPorts.get(nodeId);
    }

    /** The value of Kafka's {@code controller.quorum.voters}. */
    public String voters() {
        return controllerPorts.entrySet().stream()
                .map(e -> e.getKey() + "@127.0.0.1:" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** Replicas of Kafka's internal topics and of topics made without a factor: every voter, at most three. */
    public int replicationFactor() {
        return replication().replicationFactor();
    }

    /** In-sync replicas a write needs: two of three, so one broker may die without losing an acknowledged write. */
    public int minInsyncReplicas() {
        return replication().minInsyncReplicas();
    }

    // the broker's internal topics follow the rule ecledger's own topics follow on a cluster of this size
    private TopicSettings replication() {
        return TopicSettings.forCluster(controllerPorts.size());
    }
}
