package io.ecledger.api.console;

import io.ecledger.api.access.Caller;
import io.ecledger.ledger.command.Command;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console's routing table: one {@link Handler} per concrete {@link Command} type. Built from one group per
 * feature, and refused when a command type has no handler or two, so a manager cannot start with a command it
 * would not answer.
 */
public final class Handlers {

    /** One feature's handlers, added to the table by the feature's own class. */
    @FunctionalInterface
    public interface Group {

        void addTo(Builder handlers);
    }

    /** A handler whose answer may name the command it put on the ledger ({@link Answer#issued}). */
    @FunctionalInterface
    public interface Issuing<C extends Command> {

        Answer answer(C command, Caller caller);
    }

    private final Map<Class<? extends Command>, Issuing<?>> byType;

    private Handlers(Map<Class<? extends Command>, Issuing<?>> byType) {
        this.byType = Collections.unmodifiableMap(new LinkedHashMap<>(byType));
    }

    /** The table of {@code groups}; {@link IllegalArgumentException} naming the command types left without a handler. */
    public static Handlers of(Group... groups) {
        Builder builder = new Builder();
        for (Group group : groups) {
            group.addTo(builder);
        }
        return builder.build();
    }

    /** The command types that have a handler. */
    public Set<Class<? extends Command>> types() {
        return byType.keySet();
    }

    /** The answer of {@code command}'s handler, with the command it put on the ledger, if it put one there. */
    public Answer answer(Command command, Caller caller) {
        return answer(command.getClass(), command, caller);
    }

    private <C extends Command> Answer answer(Class<C> type, Command command, Caller caller) {
        @SuppressWarnings("unchecked") // on() keys each handler by the very type it takes
        Issuing<C> handler = (Issuing<C>) byType.get(type);
        if (handler == null) {
            throw new AssertionError("unhandled command " + command);
        }
        return handler.answer(type.cast(command), caller);
    }

    /** Every concrete command type: the leaves under the sealed {@link Command}, nested sealed types walked through. */
    public static List<Class<? extends Command>> commandTypes() {
        List<Class<? extends Command>> leaves = new ArrayList<>();
        collect(Command.class, leaves);
        return List.copyOf(leaves);
    }

    private static void collect(Class<?> type, List<Class<? extends Command>> leaves) {
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                collect(permitted, leaves);
            }
        } else {
            leaves.add(type.asSubclass(Command.class));
        }
    }

    /** Collects handlers by command type. */
    public static final class Builder {

        private final Map<Class<? extends Command>, Issuing<?>> byType = new LinkedHashMap<>();

        private Builder() {}

        /** Answers commands of exactly {@code type} with {@code handler}. */
        public <C extends Command> Builder on(Class<C> type, Handler<C> handler) {
            return issuing(type, (command, caller) -> Answer.text(handler.answer(command, caller)));
        }

        /** Answers commands of exactly {@code type} with {@code handler}, which says what it put on the ledger. */
        public <C extends Command> Builder issuing(Class<C> type, Issuing<C> handler) {
            if (byType.putIfAbsent(type, handler) != null) {
                throw new IllegalArgumentException("two handlers for " + type.getSimpleName());
            }
            return this;
        }

        Handlers build() {
            List<String> missing = commandTypes().stream().filter(type -> !byType.containsKey(type))
                    .map(Class::getSimpleName).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("no console handler for " + String.join(", ", missing));
            }
            return new Handlers(byType);
        }
    }
}
