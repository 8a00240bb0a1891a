package io.ecledger.ledger.kafka;

import java.util.regex.Pattern;

/** The names of one cluster's topics: {@code <prefix>.ledger}, {@code .responses}, {@code .membership}. */
public record TopicLayout(String prefix) {

    /** The prefix used when none is configured. */
    public static final String DEFAULT_PREFIX = "ecledger";

    // Kafka's legal topic characters, leaving room for the longest suffix within its 249-char limit
    private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    public TopicLayout {
        if (prefix == null || !LEGAL.matcher(prefix).matches()) {
            throw new IllegalArgumentException("topic prefix '" + prefix
                    + "' is not valid: use 1 to 200 letters, digits, '.', '_' or '-'");
        }
    }

    /** The layout with the default prefix. */
    public static TopicLayout standard() {
        return new TopicLayout(DEFAULT_PREFIX);
    }

    /** Every operator action, in one total order: one partition, kept forever. */
    public String ledger() {
        return prefix + ".ledger";
    }

    /** Node responses, keyed by command id. */
    public String responses() {
        return prefix + ".responses";
    }

    /** Node announcements, heartbeats and departures, keyed by node, compacted. */
    public String membership() {
        return prefix + ".membership";
    }

    /**
     * The transactional id of the manager's ledger producer: fixed per prefix, so a second manager
     * on the same topics fences the first instead of forking the chain. ACLs grant it to the manager alone.
     */
    public String managerTransactionalId() {
        return prefix + ".manager";
    }
}
