package io.ecledger.node.agent;

import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.event.OutputParts;
import java.time.Duration;
import java.util.Objects;

/**
 * How often a node agent says it is alive, how long one poll of the ledger waits, how far after
 * its event a command's deadline may lie before the agent refuses to run it, how many command ids
 * it remembers as answered (preloaded from the ledger before its start offset on a restart), and how
 * lazily it commits the offset of records that are not for it: with its next answer, or once
 * {@code commitEvery} such records or {@code commitInterval} have passed, whichever comes first; and, with
 * {@code brokerClock}, whether the membership topic is stamped by the broker ({@code LogAppendTime}), so the agent
 * sets its clock to the broker's from its own sends ({@link BrokerClock}) instead of trusting its own; and how many
 * answers to one poll share a transaction: up to {@code batchAnswers}, and no command is started once the first
 * answer waiting in it is {@code batchAge} old; and how much of an answer's output goes inline, {@code inlineOutput}
 * bytes, the rest in parts after it ({@link OutputParts}).
 */
public record AgentSettings(Duration heartbeatInterval, Duration pollTimeout, Duration maxDeadline, int answeredWindow,
        int commitEvery, Duration commitInterval, boolean brokerClock, int batchAnswers, Duration batchAge,
        int inlineOutput) {

    /** The default number of command ids remembered: 100,000 ids cost a few MB and cover weeks of commands. */
    public static final int DEFAULT_ANSWERED_WINDOW = 100_000;

    /** The default bound on a command's deadline, which the manager warns about exceeding. */
    public static final Duration DEFAULT_MAX_DEADLINE = CommandIssued.DEFAULT_DEADLINE_BOUND;

    /**
     * The default number of records not for the agent read before it commits their offset on its own: a restart
     * reads at most that many again, which costs a fraction of a second, while every unicast to another node costs
     * no transaction at all.
     */
    public static final int DEFAULT_COMMIT_EVERY = 1_000;

    /** The default longest time such records stay uncommitted: a restart after a quiet spell need not reread them. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(30);

    /**
     * The default number of answers one transaction may carry: an agent behind the ledger pays one commit per poll,
     * not per command, and a transaction stays far smaller than Kafka's limits.
     */
    public static final int DEFAULT_BATCH_ANSWERS = 100;

    /**
     * The default longest an answer waits for the commands after it in the same poll: short against the cost of the
     * commit it saves, and an operator sees a slow command's neighbours answered without it.
     */
    public static final Duration DEFAULT_BATCH_AGE = Duration.ofMillis(100);

    public AgentSettings {
        requirePositive("heartbeat interval", heartbeatInterval);
        requirePositive("poll timeout", pollTimeout);
        requirePositive("max deadline", maxDeadline);
        if (answeredWindow < 1) {
            throw new IllegalArgumentException("the answered window must be at least 1, was " + answeredWindow);
        }
        if (commitEvery < 1) {
            throw new IllegalArgumentException("commit every must be at least 1 record, was " + commitEvery);
        }
        requirePositive("commit interval", commitInterval);
        if (batchAnswers < 1) {
            throw new IllegalArgumentException("a transaction must carry at least 1 answer, was " + batchAnswers);
        }
        requirePositive("batch age", batchAge);
        if (inlineOutput < 1024) {
            throw new IllegalArgumentException("an answer carries at least 1024 bytes of output inline, not " + inlineOutput);
        }
    }

    /** These intervals, bound and window, committing the offsets of records not for the agent by the defaults. */
    public AgentSettings(Duration heartbeatInterval, Duration pollTimeout, Duration maxDeadline, int answeredWindow) {
        this(heartbeatInterval, pollTimeout, maxDeadline, answeredWindow, DEFAULT_COMMIT_EVERY, DEFAULT_COMMIT_INTERVAL,
                false, DEFAULT_BATCH_ANSWERS, DEFAULT_BATCH_AGE, OutputParts.DEFAULT_INLINE);
    }

    /** These intervals and bound with the default answered window. */
    public AgentSettings(Duration heartbeatInterval, Duration pollTimeout, Duration maxDeadline) {
        this(heartbeatInterval, pollTimeout, maxDeadline, DEFAULT_ANSWERED_WINDOW);
    }

    /** These intervals with the default bound on deadlines. */
    public AgentSettings(Duration heartbeatInterval, Duration pollTimeout) {
        this(heartbeatInterval, pollTimeout, DEFAULT_MAX_DEADLINE);
    }

    /** Heartbeats every 5 s; polls of 200 ms, so a stop or a heartbeat is never far off; deadlines at most 1 h out. */
    public static AgentSettings defaults() {
        return new AgentSettings(Duration.ofSeconds(5), Duration.ofMillis(200), DEFAULT_MAX_DEADLINE,
                DEFAULT_ANSWERED_WINDOW, DEFAULT_COMMIT_EVERY, DEFAULT_COMMIT_INTERVAL, false, DEFAULT_BATCH_ANSWERS,
                DEFAULT_BATCH_AGE, OutputParts.DEFAULT_INLINE);
    }

    /** These settings with another heartbeat interval. */
    public AgentSettings withHeartbeatInterval(Duration interval) {
        return new AgentSettings(interval, pollTimeout, maxDeadline, answeredWindow, commitEvery, commitInterval,
                brokerClock, batchAnswers, batchAge, inlineOutput);
    }

    /** These settings with another bound on how far after its event a command's deadline may be. */
    public AgentSettings withMaxDeadline(Duration bound) {
        return new AgentSettings(heartbeatInterval, pollTimeout, bound, answeredWindow, commitEvery, commitInterval,
                brokerClock, batchAnswers, batchAge, inlineOutput);
    }

    /** These settings remembering up to {@code window} answered command ids. */
    public AgentSettings withAnsweredWindow(int window) {
        return new AgentSettings(heartbeatInterval, pollTimeout, maxDeadline, window, commitEvery, commitInterval,
                brokerClock, batchAnswers, batchAge, inlineOutput);
    }

    /**
     * These settings committing the offset of records not for the agent once {@code records} of them were read or
     * {@code interval} passed since the first of them, if no answer committed it first.
     */
    public AgentSettings withLazyCommits(int records, Duration interval) {
        return new AgentSettings(heartbeatInterval, pollTimeout, maxDeadline, answeredWindow, records, interval,
                brokerClock, batchAnswers, batchAge, inlineOutput);
    }

    /** These settings judging time on the broker's clock ({@code true}) or on the agent's own ({@code false}). */
    public AgentSettings withBrokerClock(boolean onBrokerClock) {
        return new AgentSettings(heartbeatInterval, pollTimeout, maxDeadline, answeredWindow, commitEvery,
                commitInterval, onBrokerClock, batchAnswers, batchAge, inlineOutput);
    }

    /**
     * These settings letting up to {@code answers} answers to one poll share a transaction, starting no command once
     * the first of them waited {@code age}; {@code withBatches(1, ...)} commits every answer on its own.
     */
    public AgentSettings withBatches(int answers, Duration age) {
        return new AgentSettings(heartbeatInterval, pollTimeout, maxDeadline, answeredWindow, commitEvery,
                commitInterval, brokerClock, answers, age, inlineOutput);
    }

    /** These settings carrying at most {@code bytes} of an answer's output inline; the rest goes in parts. */
    public AgentSettings withInlineOutput(int bytes) {
        return new AgentSettings(heartbeatInterval, pollTimeout, maxDeadline, answeredWindow, commitEvery,
                commitInterval, brokerClock, batchAnswers, batchAge, bytes);
    }

    private static void requirePositive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }
}
