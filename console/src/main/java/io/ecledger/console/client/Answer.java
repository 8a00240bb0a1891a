package io.ecledger.console.client;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The manager's answer to one console line: the text it printed, and whether it acted on the line or refused it. */
public record Answer(boolean ok, String text) {

    // the manager's answer to a send: "sent to …" then "command ID at ledger offset N, answers due by T"
    private static final Pattern ISSUED = Pattern.compile(
            "(?m)^command ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) at ledger offset \\d+");

    public Answer {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null (use \"\" for an empty answer)");
        }
    }

    public static Answer ok(String text) {
        return new Answer(true, text);
    }

    public static Answer refused(String text) {
        return new Answer(false, text);
    }

    /** The id of the command this answer says was put on the ledger, when it is the answer to a send. */
    public Optional<UUID> issuedCommand() {
        Matcher issued = ISSUED.matcher(text);
        return ok && issued.find() ? Optional.of(UUID.fromString(issued.group(1))) : Optional.empty();
    }
}
