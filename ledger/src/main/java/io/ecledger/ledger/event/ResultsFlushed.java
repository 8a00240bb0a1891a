package io.ecledger.ledger.event;

import java.util.Objects;
import java.util.Optional;

/** {@code flush control cache}: the results buffer forgets every earlier command. */
public record ResultsFlushed(Optional<String> reason) implements Payload {

    public ResultsFlushed {
        Objects.requireNonNull(reason, "reason");
    }

    /** A flush without a stated reason, as the console issues it. */
    public static ResultsFlushed now() {
        return new ResultsFlushed(Optional.empty());
    }

    @Override
    public String summary() {
        return "flush control cache" + reason.map(r -> " (" + r + ")").orElse("");
    }
}
