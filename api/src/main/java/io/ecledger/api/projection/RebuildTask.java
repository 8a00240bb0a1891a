package io.ecledger.api.projection;

import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /tasks/rebuild} on the admin port: drops the projection and rebuilds it from offset 0.
 *
 * <p>Streams one {@code progress APPLIED TOTAL} line about five times a second (ledger records), flushed so a client
 * can draw a bar, then one line with the final counts. {@code ops/bin/ecledger rebuild} is that client.
 */
public final class RebuildTask extends Task {

    /** The prefix of the progress lines, followed by ledger records applied and ledger records to rebuild. */
    public static final String PROGRESS = "progress ";

    private final Projection projection;

    public RebuildTask(Projection projection) {
        super("rebuild");
        this.projection = projection;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        long[] last = {-1};
        Rebuilt rebuilt = projection.rebuild((applied, total) -> {
            if (applied != last[0]) {
                last[0] = applied;
                output.println(PROGRESS + applied + " " + total);
                output.flush();
            }
        });
        output.println(rebuilt.text());
        output.flush();
    }
}
