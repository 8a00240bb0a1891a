package io.ecledger.api.console;

import io.ecledger.api.Refused;
import io.ecledger.api.asof.AsOfViews;
import io.ecledger.api.audit.AuditService;
import io.ecledger.api.command.CommandIssuer;
import io.ecledger.api.config.ConfigService;
import io.ecledger.api.history.HistoryService;
import io.ecledger.api.info.ManagerInfo;
import io.ecledger.api.membership.Member;
import io.ecledger.api.membership.Membership;
import io.ecledger.api.projection.Projection;
import io.ecledger.api.replay.ReplayService;
import io.ecledger.api.retrieve.Results;
import io.ecledger.ledger.command.Command;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.command.ParseResult;
import io.ecledger.ledger.command.Origin;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Runs one console line: the one place console, REST and control listener get their answers from. */
public final class ConsoleService {

    private final Grammar grammar;
    private final CommandIssuer issuer;
    private final Results results;
    private final Membership membership;
    private final Projection projection;
    private final Clock clock;
    private final String clusterName;
    private final String managerHost;
    private final Runnable shutdown;
    private final AuditService audit;
    private final ConfigService config;
    private final ReplayService replay;
    private final HistoryService history;
    private final AsOfViews asOf;

    public ConsoleService(Grammar grammar, CommandIssuer issuer, Results results, Membership membership,
            Projection projection, AuditService audit, ConfigService config, ReplayService replay, HistoryService history,
            AsOfViews asOf, Clock clock, String clusterName, String managerHost, Runnable shutdown) {
        this.grammar = grammar;
        this.history = history;
        this.asOf = asOf;
        this.issuer = issuer;
        this.results = results;
        this.membership = membership;
        this.projection = projection;
        this.clock = clock;
        this.clusterName = clusterName;
        this.managerHost = managerHost;
        this.shutdown = shutdown;
        this.audit = audit;
        this.config = config;
        this.replay = replay;
    }

    /** The grammar lines are parsed with. */
    public Grammar grammar() {
        return grammar;
    }

    /** The answer to one line, or {@link Refused} with the reason when the line is not acted on. */
    public String execute(String line, String actor, Origin origin) {
        ParseResult parsed = grammar.parse(line);
        if (parsed instanceof ParseResult.Rejected) {
            throw new Refused("invalid-command", ((ParseResult.Rejected) parsed).message());
        }
        return execute(((ParseResult.Parsed) parsed).command(), actor, origin);
    }

    /** The answer to one parsed command. */
    public String execute(Command command, String actor, Origin origin) {
        if (command instanceof Command.Send) {
            Command.Send send = (Command.Send) command;
            return ConsoleText.issued(send.target(), issuer.issue(send.target(), send.commandText(), actor, origin));
        }
        if (command instanceof Command.Retrieve) {
            Command.Retrieve retrieve = (Command.Retrieve) command;
            if (retrieve.at().isPresent()) {
                return asOf.read(retrieve.at().get(), view -> {
                    CommandIssuer.requireKnown(retrieve.target(), view.membership().members(view.now()));
                    return view.results().retrieve(retrieve.target(), retrieve.commandText(), view.now())
                            .map(ConsoleText::results)
                            .orElseGet(() -> ConsoleText.nothingToRetrieve(retrieve.target(), retrieve.commandText()));
                });
            }
            issuer.requireKnown(retrieve.target());
            return results.retrieve(retrieve.target(), retrieve.commandText(), clock.instant())
                    .map(ConsoleText::results)
                    .orElseGet(() -> ConsoleText.nothingToRetrieve(retrieve.target(), retrieve.commandText()));
        }
        if (command instanceof Command.FlushControlCache) {
            return "results buffer flushed at ledger offset " + issuer.flush(actor, origin);
        }
        if (command instanceof Command.Help) {
            return help((Command.Help) command);
        }
        if (command instanceof Command.Info) {
            return info();
        }
        if (command instanceof Command.ShowClusterMembership) {
            Command.ShowClusterMembership show = (Command.ShowClusterMembership) command;
            if (show.at().isPresent()) {
                return asOf.read(show.at().get(),
                        view -> ConsoleText.membership(managerHost, view.membership().members(view.now())));
            }
            return ConsoleText.membership(managerHost, membership.members(clock.instant()));
        }
        if (command instanceof Command.Shutdown) {
            shutdown.run();
            return "eccmgr shutting down";
        }
        if (command instanceof Command.Version) {
            return ManagerInfo.versionText();
        }
        if (command instanceof Command.AuditVerify) {
            return AuditService.text(audit.verify(((Command.AuditVerify) command).fromCheckpoint()));
        }
        if (command instanceof Command.History) {
            return HistoryService.text(history.list(((Command.History) command).filter(), clock.instant()));
        }
        if (command instanceof Command.HistoryShow) {
            long offset = ((Command.HistoryShow) command).offset();
            return history.show(offset, clock.instant()).map(HistoryService::text).orElseThrow(() ->
                    new Refused("unknown-offset", "history show: no command, flush or config change at ledger offset " + offset));
        }
        if (command instanceof Command.Config) {
            Command.Config configCommand = (Command.Config) command;
            if (configCommand.at().isPresent()) {
                return asOf.read(configCommand.at().get(), view -> config.answer(configCommand, view.configChanges()));
            }
            return config.execute((Command.Config) command, actor, origin);
        }
        if (command instanceof Command.Replay) {
            return replay.replay((Command.Replay) command, actor).text();
        }
        throw new AssertionError("unhandled command " + command);
    }

    /** Live completion data for consoles. */
    public Completions completions() {
        List<Member> members = membership.members(clock.instant());
        return new Completions(
                members.stream().map(Member::node).distinct().sorted().collect(Collectors.toList()),
                members.stream().map(Member::subcluster).distinct().sorted().collect(Collectors.toList()),
                results.commandTexts());
    }

    private String help(Command.Help help) {
        if (help.topic().isEmpty()) {
            return grammar.helpText();
        }
        String text = grammar.helpText(help.topic().get());
        if (text.isEmpty()) {
            throw new Refused("unknown-command", "help: no command starts with '" + help.topic().get() + "'");
        }
        return text;
    }

    private String info() {
        Instant now = clock.instant();
        List<Member> members = membership.members(now).stream().filter(m -> !m.left()).collect(Collectors.toList());
        long alive = members.stream().filter(Member::alive).count();
        long subclusters = members.stream().map(Member::subcluster).distinct().count();
        long lag = projection.ledgerLag();
        return "cluster: " + clusterName + "\n"
                + "manager: eccmgr " + ManagerInfo.version() + " on " + managerHost + "\n"
                + "nodes: " + members.size() + " (" + alive + " alive) in " + subclusters + " subcluster(s)\n"
                + "ledger: next offset " + (projection.appliedLedgerOffset() + Math.max(lag, 0))
                + ", projection lag " + (lag < 0 ? "unknown" : String.valueOf(lag));
    }
}
