package io.ecledger.api.console.text;

import io.ecledger.api.history.HistoryPage;
import io.ecledger.api.history.HistoryRecord;
import io.ecledger.api.retrieve.NodeResult;

/** The text of {@code history} and {@code history show}. */
public final class HistoryText {

    private HistoryText() {}

    /**
     * The console's listing: a header line, then per command one line
     * {@code OFFSET TIME ACTOR ORIGIN TARGET: TEXT} (with {@code [flushed]} when the results buffer no longer holds
     * it), the counts per phase indented by two ({@code 10 nodes: 7 ok, 1 error, 2 running}) and one line per node
     * indented by four {@code NODE@SUBCLUSTER STATE: FIRST LINE}. With {@code --status denied}, per
     * refused command one line {@code OFFSET TIME ACTOR ORIGIN DENIED by rule RULE: LINE} and its answer indented.
     */
    public static String page(HistoryPage page) {
        StringBuilder text = new StringBuilder();
        if (page.total() == 0) {
            return "history: no command matches\n";
        }
        text.append("history: ").append(page.total()).append(" command(s), page ").append(page.page()).append(" of ")
                .append(page.pages()).append(", ").append(page.oldestFirst() ? "oldest" : "newest").append(" first\n");
        if (page.entries().isEmpty() && page.denied().isEmpty()) {
            text.append("(no entries on this page)\n");
        }
        for (HistoryPage.Denial denial : page.denied()) {
            text.append(denial.offset()).append(' ').append(denial.deniedAt()).append(' ').append(denial.actor())
                    .append(' ').append(denial.origin()).append(" DENIED by rule ").append(denial.rule()).append(": ")
                    .append(denial.line()).append('\n')
                    .append("    ").append(denial.reason()).append('\n');
        }
        for (HistoryPage.Entry entry : page.entries()) {
            text.append(header(entry)).append('\n');
            if (!entry.nodes().isEmpty()) {
                text.append("  ").append(entry.counts().withTotal()).append('\n');
            }
            for (HistoryPage.Node node : entry.nodes()) {
                text.append("    ").append(nodeLine(node))
                        .append(node.output().map(output -> ": " + output).orElse("")).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * {@code history show}: {@code offset N: KIND}, then {@code name: value} lines, then for a command each node's
     * line followed by its full output indented by four spaces, the records claiming it that its nodes refused, and
     * the responses quarantined in their names.
     */
    public static String record(HistoryRecord record) {
        StringBuilder text = new StringBuilder();
        if (HistoryRecord.NOT_FROM_MANAGER.equals(record.kind())) {
            // what such a record claims (time, actor) is not to be taken as the ledger's word
            return text.append("offset ").append(record.offset()).append(": ").append(record.summary()).append('\n')
                    .toString();
        }
        text.append("offset ").append(record.offset()).append(": ").append(record.kind()).append('\n')
                .append("time: ").append(record.time()).append('\n')
                .append("actor: ").append(record.actor()).append('\n')
                .append("origin: ").append(record.origin()).append('\n');
        if (record.denial().isPresent()) {
            HistoryPage.Denial denial = record.denial().get();
            return text.append("line: ").append(denial.line()).append('\n')
                    .append("denied by rule: ").append(denial.rule()).append('\n')
                    .append("answer: ").append(denial.reason()).append('\n')
                    .append("never run\n").toString();
        }
        if (record.policy().isPresent()) {
            HistoryRecord.Policy policy = record.policy().get();
            text.append("source: ").append(policy.source()).append('\n')
                    .append("sha256: ").append(policy.sha256()).append('\n')
                    .append("policy:\n");
            policy.text().lines().forEach(line -> text.append("    ").append(line).append('\n'));
            return text.toString();
        }
        if (record.command().isEmpty()) {
            return text.append("event: ").append(record.summary()).append('\n').toString();
        }
        HistoryPage.Entry entry = record.command().get();
        text.append("command id: ").append(entry.commandId()).append('\n')
                .append("target: ").append(entry.target().describe()).append('\n')
                .append("command: ").append(entry.commandText()).append('\n')
                .append("deadline: ").append(entry.deadline()).append('\n');
        entry.replayOf().ifPresent(original -> text.append("replay of: offset ").append(original).append('\n'));
        entry.rerunOf().ifPresent(original -> text.append("rerun of: command ").append(original).append('\n'));
        entry.rollout().ifPresent(rollout -> text.append("rollout: ").append(rollout).append('\n'));
        entry.cancel().ifPresent(cancel -> text.append("cancelled: by ").append(cancel.actor()).append(" at ")
                .append(cancel.cancelledAt()).append(" (offset ").append(cancel.ledgerOffset()).append("): ")
                .append(cancel.reason()).append('\n'));
        if (!entry.nodes().isEmpty()) {
            text.append("nodes: ").append(entry.nodes().size()).append(": ").append(entry.counts().text()).append('\n');
        }
        text.append("results buffer: ").append(entry.flushed() ? "flushed since" : "current").append('\n');
        if (entry.nodes().isEmpty()) {
            text.append("no node was expected to answer\n");
        }
        for (HistoryPage.Node node : entry.nodes()) {
            text.append(nodeLine(node)).append(node.finishedAt().map(at -> " at " + at).orElse("")).append('\n');
            node.output().ifPresent(output -> output.lines().forEach(line -> text.append("    ").append(line).append('\n')));
        }
        for (HistoryRecord.RefusedRecord refused : record.refused()) {
            text.append("refused by ").append(refused.node()).append(": the record at offset ")
                    .append(refused.recordOffset()).append(" claiming this command, at ").append(refused.refusedAt())
                    .append(" (").append(refused.reason()).append(")\n");
        }
        for (HistoryRecord.NotFromNode forged : record.quarantined()) {
            text.append("not from ").append(forged.node()).append(": a ").append(forged.status())
                    .append(" response in its name, quarantined (").append(forged.topic()).append(" partition ")
                    .append(forged.partition()).append(" offset ").append(forged.offset()).append("): ")
                    .append(forged.reason()).append('\n');
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
