package io.ecledger.ledger.event;

/** How a node disposed of a command, or, for {@link #DELIVERED} and {@link #RUNNING}, how far it has got with it. */
public enum NodeStatus {
    /** Ran it; the output is the console's answer. */
    OK,
    /** Ran it and it failed, or the executor could not run it. */
    ERROR,
    /** Refused to run it (not for this node, malformed, not allowed). */
    REJECTED,
    /** Saw it only after its deadline, so did not run it. */
    EXPIRED,
    /** Written by a newer version with a status this one does not know. */
    UNKNOWN,
    /** Not run, or stopped while running, because the command was cancelled. */
    CANCELLED,
    /** Not an answer: the node has the command and will run it. */
    DELIVERED,
    /** Not an answer: the node is running the command. */
    RUNNING,
    /** Not an answer: a part of an answer's output too long to carry inline. */
    OUTPUT;

    /** Whether this is a node's one answer to a command, not a word on how far it got or a part of its output. */
    public boolean isAnswer() {
        return this != DELIVERED && this != RUNNING && this != OUTPUT;
    }
}
