package io.ecledger.api.history;

import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.NodeResult;
import io.ecledger.api.retrieve.Results;
import io.ecledger.ledger.command.HistoryFilter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** What {@code history}, {@code history show}, {@code GET /v1/history} and {@code GET /v1/history/{offset}} answer. */
public final class HistoryService {

    private final Jdbi jdbi;
    private final Results results;

    public HistoryService(Jdbi jdbi, Results results) {
        this.jdbi = jdbi;
        this.results = results;
    }

    /** The page of issued commands {@code filter} asks for, each node's status and first line of output. */
    public HistoryPage list(HistoryFilter filter, Instant now) {
        HistoryQuery query = HistoryQuery.of(filter, now);
        return jdbi.inTransaction(handle -> {
            HistoryDao dao = handle.attach(HistoryDao.class);
            long total = dao.count(query);
            List<HistoryPage.Entry> entries = dao.page(query).stream().map(row -> entry(row, now, true)).toList();
            return new HistoryPage(total, filter.page(), filter.limit(), filter.oldestFirst(), entries);
        });
    }

    /** The ledger event at {@code offset} with every node's full output; empty when no command, flush or config change is there. */
    public Optional<HistoryRecord> show(long offset, Instant now) {
        HistoryDao dao = jdbi.onDemand(HistoryDao.class);
        Optional<HistoryRow> command = dao.command(offset);
        if (command.isPresent()) {
            HistoryRow row = command.get();
            return Optional.of(new HistoryRecord(offset, "command", row.issuedAt(), row.actor(), origin(row.origin()),
                    row.target().describe() + ": " + row.commandText(), Optional.of(entry(row, now, false))));
        }
        return dao.other(offset).map(other -> new HistoryRecord(offset, other.kind(), other.occurredAt(), other.actor(),
                origin(other.origin()), other.summary(), Optional.empty()));
    }

    private HistoryPage.Entry entry(HistoryRow row, Instant now, boolean firstLineOnly) {
        List<HistoryPage.Node> nodes = results.command(row.commandId(), now).map(CommandResults::nodes).orElse(List.of())
                .stream().map(result -> HistoryPage.Node.of(result, firstLineOnly)).toList();
        return new HistoryPage.Entry(row.ledgerOffset(), row.commandId(), row.issuedAt(), row.actor(), origin(row.origin()),
                row.target(), row.commandText(), row.deadline(), row.replayOf(), row.flushed(), nodes);
    }

    private static String origin(String column) {
        return column.toLowerCase(Locale.ROOT);
    }

    /**
     * The console's listing: a header line, then per command one line
     * {@code OFFSET TIME ACTOR ORIGIN TARGET: TEXT} (with {@code [flushed]} when the results buffer no longer holds
     * it) and one indented line per node {@code NODE@SUBCLUSTER STATE: FIRST LINE}.
     */
    public static String text(HistoryPage page) {
        StringBuilder text = new StringBuilder();
        if (page.total() == 0) {
            return "history: no command matches\n";
        }
        text.append("history: ").append(page.total()).append(" command(s), page ").append(page.page()).append(" of ")
                .append(page.pages()).append(", ").append(page.oldestFirst() ? "oldest" : "newest").append(" first\n");
        if (page.entries().isEmpty()) {
            text.append("(no entries on this page)\n");
        }
        for (HistoryPage.Entry entry : page.entries()) {
            text.append(header(entry)).append('\n');
            for (HistoryPage.Node node : entry.nodes()) {
                text.append("    ").append(nodeLine(node))
                        .append(node.output().map(output -> ": " + output).orElse("")).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * {@code history show}: {@code offset N: KIND}, then {@code name: value} lines, then for a command each node's
     * line followed by its full output indented by four spaces.
     */
    public static String text(HistoryRecord record) {
        StringBuilder text = new StringBuilder();
        text.append("offset ").append(record.offset()).append(": ").append(record.kind()).append('\n')
                .append("time: ").append(record.time()).append('\n')
                .append("actor: ").append(record.actor()).append('\n')
                .append("origin: ").append(record.origin()).append('\n');
        if (record.command().isEmpty()) {
            return text.append("event: ").append(record.summary()).append('\n').toString();
        }
        HistoryPage.Entry entry = record.command().get();
        text.append("command id: ").append(entry.commandId()).append('\n')
                .append("target: ").append(entry.target().describe()).append('\n')
                .append("command: ").append(entry.commandText()).append('\n')
                .append("deadline: ").append(entry.deadline()).append('\n');
        entry.replayOf().ifPresent(original -> text.append("replay of: offset ").append(original).append('\n'));
        text.append("results buffer: ").append(entry.flushed() ? "flushed since" : "current").append('\n');
        if (entry.nodes().isEmpty()) {
            text.append("no node was expected to answer\n");
        }
        for (HistoryPage.Node node : entry.nodes()) {
            text.append(nodeLine(node)).append(node.finishedAt().map(at -> " at " + at).orElse("")).append('\n');
            node.output().ifPresent(output -> output.lines().forEach(line -> text.append("    ").append(line).append('\n')));
        }
        return text.toString();
    }

    private static String header(HistoryPage.Entry entry) {
        return entry.offset() + " " + entry.issuedAt() + " " + entry.actor() + " " + entry.origin() + " "
                + entry.target().describe() + ": " + entry.commandText() + (entry.flushed() ? " [flushed]" : "");
    }

    private static String nodeLine(HistoryPage.Node node) {
        String where = node.subcluster().isEmpty() ? node.node() : node.node() + "@" + node.subcluster();
        return where + " " + (node.state() == NodeResult.State.ANSWERED ? node.status().get().name() : node.state().name());
    }
}
