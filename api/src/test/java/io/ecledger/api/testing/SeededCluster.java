package io.ecledger.api.testing;

import io.ecledger.ledger.testing.KafkaBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving end-to-end tests one seeded {@link Cluster} per JVM: a manager with the seed's base
 * configuration and its control socket on, and the seed's three agents, started on first use and closed when the
 * root context closes at the end of the run.
 *
 * <p>Use {@code @ExtendWith(SeededCluster.class)} and take a {@link Cluster} parameter, and never stop or close it:
 * the classes after yours use it too. Share it only where your assertions hold whatever ran before (offsets taken
 * relative to {@code ledger().endOffset()}, commands with texts of your own); a class that counts, flushes,
 * restarts or kills builds its own with {@link #fresh(KafkaBroker.Handle)}.
 */
public final class SeededCluster implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SeededCluster.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Cluster.class;
    }

    @Override
    public Cluster resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /** The seeded cluster of this JVM. */
    public static Cluster shared(ExtensionContext context) {
        // the broker enters the root store first: the store closes in reverse order, so the cluster stops before it
        KafkaBroker.Handle broker = KafkaBroker.shared(context);
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Cluster.class,
                key -> fresh(broker).withSeedConf().withControlSocket().start(), Cluster.class);
    }

    /** A cluster of the caller's own, on new topics: {@code SeededCluster.fresh(broker).withoutNodes().start()}. */
    public static Cluster.Builder fresh(KafkaBroker.Handle broker) {
        return new Cluster.Builder(broker);
    }
}
