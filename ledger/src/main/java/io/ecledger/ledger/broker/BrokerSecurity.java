package io.ecledger.ledger.broker;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * How the embedded broker authenticates and authorizes clients: plaintext and open (the default), or SASL_PLAINTEXT
 * with SCRAM-SHA-256 users, a super user for the broker itself and the operator, and optionally Kafka's
 * {@code StandardAuthorizer} so that every other principal may do only what an ACL allows.
 *
 * @param superUser the broker's own user and the operator's; a super user passes every ACL check; empty when open
 * @param users SCRAM users by name, with their passwords; includes the super user when SASL is on
 * @param acls whether {@code StandardAuthorizer} checks every request (deny unless an ACL allows)
 */
public record BrokerSecurity(String superUser, Map<String, String> users, boolean acls) {

    /** The SASL mechanism the broker's client listener offers. */
    public static final String MECHANISM = "SCRAM-SHA-256";
    /** Kafka's own authorizer for KRaft, which keeps ACLs in the cluster metadata. */
    public static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

    // names and passwords go into JAAS config strings and SCRAM format arguments: no quotes, commas or brackets
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9._~!@#%^*+=:/-]{8,128}");

    private static final BrokerSecurity OPEN = new BrokerSecurity("", Map.of(), false);

    /** Checks names and passwords; the super user must be one of the users when SASL is on. */
    public BrokerSecurity {
        if (superUser == null || users == null) {
            throw new IllegalArgumentException("super user and users must be given (empty for an open broker)");
        }
        users = Map.copyOf(users);
        if (superUser.isEmpty()) {
            if (!users.isEmpty() || acls) {
                throw new IllegalArgumentException("SASL users and ACLs need a super user for the broker itself");
            }
        } else if (!users.containsKey(superUser)) {
            throw new IllegalArgumentException("super user '" + superUser + "' needs a password among the users");
        }
        users.forEach((name, password) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("SASL user name '" + name
                        + "' is not valid: use 1 to 64 letters, digits, '.', '_' or '-'");
            }
            if (password == null || !PASSWORD.matcher(password).matches()) {
                throw new IllegalArgumentException("the password of SASL user '" + name
                        + "' must be 8 to 128 letters, digits or ._~!@#%^*+=:/- (no quotes, commas or spaces)");
            }
        });
    }

    /** A plaintext broker that lets every client do everything: how tests and {@code ops/up} run it. */
    public static BrokerSecurity open() {
        return OPEN;
    }

    /** SASL_PLAINTEXT with SCRAM-SHA-256, only the super user known so far, no ACLs yet. */
    public static BrokerSecurity scram(String superUser, String password) {
        return new BrokerSecurity(superUser, Map.of(superUser, password), false);
    }

    /** This security with one more SCRAM user (or a new password for a known one). */
    public BrokerSecurity withUser(String name, String password) {
        if (superUser.isEmpty()) {
            throw new IllegalArgumentException("an open broker has no users; start from BrokerSecurity.scram(...)");
        }
        Map<String, String> more = new LinkedHashMap<>(users);
        more.put(name, password);
        return new BrokerSecurity(superUser, more, acls);
    }

    /** This security with {@code StandardAuthorizer} on: whatever no ACL allows is denied, except to the super user. */
    public BrokerSecurity withAcls() {
        if (superUser.isEmpty()) {
            throw new IllegalArgumentException("ACLs need SASL principals; start from BrokerSecurity.scram(...)");
        }
        return new BrokerSecurity(superUser, users, true);
    }

    /** True when clients must authenticate with SASL. */
    public boolean sasl() {
        return !superUser.isEmpty();
    }

    /** {@code User:<superUser>}, the principal Kafka sees for the super user. */
    public String superPrincipal() {
        return "User:" + superUser;
    }

    /**
     * The client properties that log in as {@code user} with {@code password}: {@code security.protocol},
     * {@code sasl.mechanism} and {@code sasl.jaas.config}, as {@code kafka.clientProperties} or a
     * {@code --kafka-config} file holds them; empty for an open broker.
     */
    public Map<String, String> clientProperties(String user, String password) {
        if (!sasl()) {
            return Map.of();
        }
        return Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, scramJaas(user, password));
    }

    /** The client properties of the super user. */
    public Map<String, String> superUserClientProperties() {
        return clientProperties(superUser, users.getOrDefault(superUser, ""));
    }

    static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    static String plainJaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\" user_" + user + "=\"" + password + "\";";
    }

    /** Passwords never reach logs. */
    @Override
    public String toString() {
        return sasl() ? "SASL_PLAINTEXT " + MECHANISM + " users=" + new TreeSet<>(users.keySet()) + " superUser=" + superUser
                + (acls ? " acls=StandardAuthorizer" : " acls=off") : "PLAINTEXT, no ACLs";
    }
}
