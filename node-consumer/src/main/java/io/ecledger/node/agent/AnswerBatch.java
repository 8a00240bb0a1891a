package io.ecledger.node.agent;

import io.ecledger.ledger.event.NodeResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The answers an agent has ready for one transaction: those to consecutive commands of one poll, from the ledger
 * offset of the first to the offset past the last record read. Not thread-safe.
 */
final class AnswerBatch {

    /** A response to publish, and whether the agent refused to run its command (an executor may answer REJECTED too). */
    record Answer(NodeResponse response, boolean refused) {}

    private final long first;
    private final long startedNanos;
    private final List<Answer> answers = new ArrayList<>();
    private long next;

    /** A batch whose first command is at {@code first}, begun at {@code startedNanos} ({@link System#nanoTime()}). */
    AnswerBatch(long first, long startedNanos) {
        this.first = first;
        this.next = first;
        this.startedNanos = startedNanos;
    }

    /** Adds the answer to the command read just before {@code next}. */
    void add(Answer answer, long next) {
        answers.add(answer);
        readPast(next);
    }

    /** A record needing no answer was read: the batch commits past it. */
    void readPast(long next) {
        this.next = Math.max(this.next, next);
    }

    /** Whether the batch should be committed before another command runs: {@code most} answers in it, or {@code age} old. */
    boolean due(int most, Duration age) {
        return answers.size() >= most || System.nanoTime() - startedNanos >= age.toNanos();
    }

    /** The offset of the first command answered: where to read again when the transaction aborts. */
    long first() {
        return first;
    }

    /** The offset to commit: past the last record read. */
    long next() {
        return next;
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    List<NodeResponse> responses() {
        return answers.stream().map(Answer::response).toList();
    }
}
