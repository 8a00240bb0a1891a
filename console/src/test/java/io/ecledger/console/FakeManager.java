package io.ecledger.console;

import io.ecledger.console.client.Answer;
import io.ecledger.console.client.CommandProgress;
import io.ecledger.console.client.ManagerClient;
import io.ecledger.ledger.command.CompletionData;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A manager that answers every line with "answer to LINE" and offers the seed's cluster for completion. */
final class FakeManager implements ManagerClient {

    final List<String> received = new CopyOnWriteArrayList<>();

    @Override
    public Answer send(String line) {
        received.add(line);
        if (line.equals("version")) {
            return Answer.ok("ecledger eccmgr version: 0.1.0-TEST\nCopyright (c) 2026 the ecledger authors.");
        }
        return Answer.ok("answer to " + line);
    }

    @Override
    public CompletionData completions() {
        return new CompletionData(List.of("rh52bar2", "rh52bare", "rh52mgr"), List.of("east", "west"),
                List.of("sieve:sieve1 flush cache", "version"));
    }

    @Override
    public Optional<CommandProgress> progress(UUID commandId) {
        return Optional.empty();
    }

    /** The lines sent after the banner's {@code version}. */
    List<String> typed() {
        return received.subList(1, received.size());
    }

    @Override
    public String endpoint() {
        return "/tmp/2025";
    }

    @Override
    public void close() {}
}
