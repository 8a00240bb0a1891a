package io.ecledger.api.history;

import io.ecledger.api.http.Refused;
import io.ecledger.api.projection.NodeKeyDao;
import io.ecledger.api.projection.OwnWrites;
import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.NodeResult;
import io.ecledger.api.retrieve.Results;
import io.ecledger.ledger.command.AsOf;
import io.ecledger.ledger.command.HistoryFilter;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** What {@code history}, {@code history show}, {@code GET /v1/history} and {@code GET /v1/history/{offset}} answer. */
public final class HistoryService {

    private final Jdbi jdbi;
    private final Results results;
    private final OwnWrites ownWrites;

    public HistoryService(Jdbi jdbi, Results results) {
        this(jdbi, results, OwnWrites.none());
    }

    /** As above, each read first waiting for {@code ownWrites}: history shows the commands this manager just appended. */
    public HistoryService(Jdbi jdbi, Results results, OwnWrites ownWrites) {
        this.jdbi = jdbi;
        this.results = results;
        this.ownWrites = ownWrites;
        // the function --regex filters with; kept by H2 with the schema, so this only ever creates it once
        HistoryRegex.install(jdbi);
    }

    /** The page of issued commands {@code filter} asks for, each node's status and first line of output. */
    public HistoryPage list(HistoryFilter filter, Instant now) {
        ownWrites.await();
        HistoryQuery query = HistoryQuery.of(filter, now);
        try {
            return jdbi.inTransaction(handle -> {
                HistoryDao dao = handle.attach(HistoryDao.class);
                if (filter.status().equals(Optional.of(HistoryFilter.Status.DENIED))) {
                    long total = dao.deniedCount(query);
                    List<HistoryPage.Denial> denied = dao.deniedPage(query).stream().map(HistoryService::denial).toList();
                    return new HistoryPage(total, filter.page(), filter.limit(), filter.oldestFirst(), List.of(), denied);
                }
                long total = dao.count(query);
                List<HistoryPage.Entry> entries = dao.page(query).stream().map(row -> entry(row, now, true)).toList();
                return new HistoryPage(total, filter.page(), filter.limit(), filter.oldestFirst(), entries);
            });
        } catch (JdbiException e) {
            if (timedOut(e)) {
                throw new Refused("history-timeout", "history: the query ran longer than "
                        + HistoryDao.QUERY_TIMEOUT_SECONDS + " s and was cancelled; narrow it with --since, --actor or --node");
            }
            throw e;
        }
    }

    // H2 cancels a statement past its query timeout with SQLState 57014 (JdbcSQLTimeoutException)
    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTimeoutException
                    || cause instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ledger event at {@code offset} with every node's full output, or a record there that is not the manager's
     * (kind {@link HistoryRecord#NOT_FROM_MANAGER}); empty when no command, flush, config change, denial or policy
     * load is there.
     */
    public Optional<HistoryRecord> show(long offset, Instant now) {
        ownWrites.await();
        HistoryDao dao = jdbi.onDemand(HistoryDao.class);
        Optional<HistoryRow> command = dao.command(offset);
        if (command.isPresent()) {
            HistoryRow row = command.get();
            List<HistoryRecord.NotFromNode> forged = jdbi.withExtension(NodeKeyDao.class,
                    keys -> keys.quarantinedFor(row.commandId())).stream()
                    .map(q -> new HistoryRecord.NotFromNode(q.node(), q.status(), q.reason(), q.topic(), q.partitionNo(),
                            q.recordOffset()))
                    .toList();
            List<HistoryRecord.RefusedRecord> refused = dao.refusedRecords(row.commandId(), row.ledgerOffset());
            return Optional.of(new HistoryRecord(offset, "command", row.issuedAt(), row.actor(), origin(row.origin()),
                    row.target().describe() + ": " + row.commandText(), Optional.of(entry(row, now, false)), forged,
                    refused));
        }
        Optional<DeniedRow> denied = dao.denied(offset);
        if (denied.isPresent()) {
            HistoryPage.Denial denial = denial(denied.get());
            return Optional.of(new HistoryRecord(offset, HistoryRecord.DENIED, denial.deniedAt(), denial.actor(),
                    denial.origin(), "DENIED by rule " + denial.rule() + ": " + denial.line(), Optional.empty(), List.of(),
                    List.of(), Optional.of(denial), Optional.empty()));
        }
        Optional<PolicyRow> policy = dao.policyLoad(offset);
        if (policy.isPresent()) {
            PolicyRow row = policy.get();
            return Optional.of(new HistoryRecord(offset, HistoryRecord.POLICY, row.loadedAt(), row.actor(),
                    origin(row.origin()),
                    "policy loaded from " + row.source() + " sha256 " + row.sha256(), Optional.empty(), List.of(),
                    List.of(), Optional.empty(),
                    Optional.of(new HistoryRecord.Policy(row.sha256(), row.source(), row.policyText()))));
        }
        Optional<HistoryRecord> other = dao.other(offset).map(o -> new HistoryRecord(offset, o.kind(), o.occurredAt(),
                o.actor(), origin(o.origin()), o.summary(), Optional.empty()));
        if (other.isPresent()) {
            return other;
        }
        // a record the projection refused: say it is not the manager's and why, never what it claims as if it were
        return jdbi.withExtension(NodeKeyDao.class, keys -> keys.quarantinedLedger(offset)).map(q -> new HistoryRecord(
                offset, HistoryRecord.NOT_FROM_MANAGER, q.seenAt(), "", "",
                "not from the manager: " + q.reason() + (q.output() == null ? "" : " (it claims " + q.status() + " by "
                        + q.output() + ")"), Optional.empty()));
    }

    /** The policy in force at ledger offset {@code offset}: the last policy load at or before it, if any. */
    public Optional<PolicyRow> policyAt(long offset) {
        return jdbi.withExtension(HistoryDao.class, dao -> dao.policyAt(offset));
    }

    /** The policy in force at {@code point}: the last one loaded at or before that offset or time. */
    public Optional<PolicyRow> policyAt(AsOf point) {
        if (point instanceof AsOf.Offset) {
            return policyAt(((AsOf.Offset) point).offset());
        }
        if (point instanceof AsOf.Time) {
            return jdbi.withExtension(HistoryDao.class, dao -> dao.policyAtTime(((AsOf.Time) point).time()));
        }
        throw new AssertionError("unknown point " + point);
    }

    private static HistoryPage.Denial denial(DeniedRow row) {
        return new HistoryPage.Denial(row.ledgerOffset(), row.deniedAt(), row.actor(), origin(row.origin()), row.line(),
                row.rule(), row.reason());
    }

    private HistoryPage.Entry entry(HistoryRow row, Instant now, boolean firstLineOnly) {
        Optional<CommandResults> command = results.command(row.commandId(), now);
        List<HistoryPage.Node> nodes = command.map(CommandResults::nodes).orElse(List.of())
                .stream().map(result -> HistoryPage.Node.of(firstLineOnly ? result : whole(row, result), firstLineOnly))
                .toList();
        return new HistoryPage.Entry(row.ledgerOffset(), row.commandId(), row.issuedAt(), row.actor(), origin(row.origin()),
                row.target(), row.commandText(), row.deadline(), row.replayOf(), row.flushed(), nodes,
                command.flatMap(CommandResults::rollout), command.flatMap(CommandResults::cancel),
                command.flatMap(CommandResults::rerunOf));
    }

    // history show gives an output back in full, the parts after its answer joined in
    private NodeResult whole(HistoryRow row, NodeResult result) {
        if (result.outputParts() == 0) {
            return result;
        }
        return results.output(row.commandId(), result.node()).map(output -> result.withWholeOutput(output.complete()
                ? output.text() : output.text() + "\n[" + (output.parts() - output.received()) + " of "
                        + output.parts() + " parts of this output are not in the views yet]")).orElse(result);
    }

    private static String origin(String column) {
        return column.toLowerCase(Locale.ROOT);
    }
}
