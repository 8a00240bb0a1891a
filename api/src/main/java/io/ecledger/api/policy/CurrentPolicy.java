package io.ecledger.api.policy;

import io.ecledger.ledger.event.PolicyLoaded;
import io.ecledger.ledger.policy.CommandPolicy;
import io.ecledger.ledger.policy.PolicyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The command policy the manager applies now: the configured file's, or the shipped default, read at start and on
 * {@code policy reload}. A file that does not parse is refused and the policy in force stays.
 */
public final class CurrentPolicy implements Supplier<CommandPolicy> {

    private final Optional<Path> file;
    private final AtomicReference<CommandPolicy> current;

    private CurrentPolicy(Optional<Path> file, CommandPolicy first) {
        this.file = file;
        this.current = new AtomicReference<>(first);
    }

    /** The policy of {@code file}, or the default without one; {@link PolicyException} naming the file when it is bad. */
    public static CurrentPolicy load(Optional<Path> file) {
        return new CurrentPolicy(file, file.map(CurrentPolicy::read).orElseGet(CommandPolicy::standard));
    }

    @Override
    public CommandPolicy get() {
        return current.get();
    }

    /** Where the policy comes from: the file's path, or {@value PolicyLoaded#DEFAULT_SOURCE}. */
    public String source() {
        return file.map(Path::toString).orElse(PolicyLoaded.DEFAULT_SOURCE);
    }

    /**
     * The file read again, not yet applied: a reload puts it on the ledger first, then {@link #apply}s it, so no policy
     * is in force that the ledger does not hold. Without a file, the default.
     */
    public CommandPolicy reread() {
        return file.map(CurrentPolicy::read).orElseGet(CommandPolicy::standard);
    }

    /** Makes {@code policy} the one every later command is decided by. */
    public void apply(CommandPolicy policy) {
        current.set(policy);
    }

    private static CommandPolicy read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the command policy " + path, e);
        }
        try {
            return CommandPolicy.parse(text);
        } catch (PolicyException e) {
            throw new PolicyException("command policy " + path + ": " + e.getMessage());
        }
    }
}
