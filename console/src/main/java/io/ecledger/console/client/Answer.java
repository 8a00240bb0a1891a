package io.ecledger.console.client;

/** The manager's answer to one console line: the text it printed, and whether it acted on the line or refused it. */
public record Answer(boolean ok, String text) {

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
}
