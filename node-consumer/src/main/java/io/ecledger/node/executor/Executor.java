package io.ecledger.node.executor;

/** Runs one console command on a node and says how it went; never throws for a failed command. */
public interface Executor {

    /** Runs {@code commandText} (e.g. {@code cluster duravip announce view}) and returns its status and output. */
    ExecutionResult run(String commandText);
}
