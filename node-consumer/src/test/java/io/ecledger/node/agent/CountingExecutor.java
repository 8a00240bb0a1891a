package io.ecledger.node.agent;

import io.ecledger.node.executor.ExecutionResult;
import io.ecledger.node.executor.Executor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An executor that remembers every command it ran, then answers {@code ran: <command>}. */
final class CountingExecutor implements Executor {

    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Override
    public ExecutionResult run(String commandText) {
        ran.add(commandText);
        return ExecutionResult.ok("ran: " + commandText);
    }

    List<String> ran() {
        return List.copyOf(ran);
    }
}
