package io.ecledger.api;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.Managed;
import io.ecledger.api.asof.AsOfViews;
import io.ecledger.api.asof.Views;
import io.ecledger.api.audit.AuditResource;
import io.ecledger.api.audit.AuditService;
import io.ecledger.api.audit.ChainHealthCheck;
import io.ecledger.api.audit.ChainMonitor;
import io.ecledger.api.audit.CheckpointDao;
import io.ecledger.api.audit.NodeRefusalDao;
import io.ecledger.api.auth.RestAuth;
import io.ecledger.api.auth.Sessions;
import io.ecledger.api.auth.Users;
import io.ecledger.api.command.CommandCanceller;
import io.ecledger.api.command.CommandIssuer;
import io.ecledger.api.command.CommandRerun;
import io.ecledger.api.rollout.RolloutDriver;
import io.ecledger.api.command.CommandLookup;
import io.ecledger.api.command.CommandsResource;
import io.ecledger.api.command.TargetJson;
import io.ecledger.api.config.ConfigResource;
import io.ecledger.api.config.ConfigService;
import io.ecledger.api.console.AuditHandler;
import io.ecledger.api.console.Completions;
import io.ecledger.api.console.ConfigHandler;
import io.ecledger.api.console.ConsoleResource;
import io.ecledger.api.console.ConsoleService;
import io.ecledger.api.console.Handlers;
import io.ecledger.api.console.HelpHandler;
import io.ecledger.api.console.HistoryHandlers;
import io.ecledger.api.console.InfoHandlers;
import io.ecledger.api.console.MembershipHandler;
import io.ecledger.api.console.NodeKeyHandler;
import io.ecledger.api.console.PolicyHandler;
import io.ecledger.api.console.ReplayHandler;
import io.ecledger.api.console.RetrieveHandlers;
import io.ecledger.api.console.CancelHandler;
import io.ecledger.api.console.RerunHandler;
import io.ecledger.api.console.SendHandler;
import io.ecledger.api.control.ControlListener;
import io.ecledger.api.control.ListenerSettings;
import io.ecledger.api.datadir.DataDirectory;
import io.ecledger.api.follow.Followers;
import io.ecledger.api.history.HistoryResource;
import io.ecledger.api.history.HistoryService;
import io.ecledger.api.http.LedgerUnavailableMapper;
import io.ecledger.api.http.RefusedMapper;
import io.ecledger.api.http.RestFilters;
import io.ecledger.api.http.ServerDefaults;
import io.ecledger.api.info.InfoResource;
import io.ecledger.api.info.InfoService;
import io.ecledger.api.info.Shutdown;
import io.ecledger.api.kafka.KafkaConnection;
import io.ecledger.api.kafka.KafkaHealthCheck;
import io.ecledger.api.kafka.LedgerWriterHealthCheck;
import io.ecledger.api.keys.KeysResource;
import io.ecledger.api.keys.ManagerKeyRotation;
import io.ecledger.api.keys.RotateManagerKeyTask;
import io.ecledger.api.membership.Membership;
import io.ecledger.api.membership.MembershipResource;
import io.ecledger.api.nodekeys.AutoAccept;
import io.ecledger.api.nodekeys.NodeKeyService;
import io.ecledger.api.nodekeys.NodeKeysResource;
import io.ecledger.api.policy.CurrentPolicy;
import io.ecledger.api.policy.Gate;
import io.ecledger.api.policy.LedgerDenialSink;
import io.ecledger.api.policy.PolicyFilter;
import io.ecledger.api.policy.PolicyLoadRecorder;
import io.ecledger.api.projection.Migrations;
import io.ecledger.api.projection.Projection;
import io.ecledger.api.projection.ProjectionLagHealthCheck;
import io.ecledger.api.projection.RebuildTask;
import io.ecledger.api.projection.ViewsUnavailableMapper;
import io.ecledger.api.replay.ReplayResource;
import io.ecledger.api.replay.ReplayService;
import io.ecledger.api.retrieve.FlushService;
import io.ecledger.api.retrieve.Results;
import io.ecledger.api.retrieve.ResultsResource;
import io.ecledger.api.retrieve.RetrieveService;
import io.ecledger.api.webui.LiveSettings;
import io.ecledger.api.webui.SessionResource;
import io.ecledger.api.webui.WebConsole;
import io.ecledger.api.webui.WebUiSettings;
import io.ecledger.ledger.command.Grammar;
import io.ecledger.ledger.config.ConfigSchema;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.sign.CurrentManagerKey;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.ManagerKeys;
import io.ecledger.ledger.sign.VerifiedSignatures;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongFunction;
import org.glassfish.jersey.media.sse.SseFeature;
import org.jdbi.v3.core.Jdbi;

/** eccmgr: the cluster manager. Only wires: every collaborator comes from a typed config factory. */
public final class EccmgrApplication extends Application<EcledgerConfiguration> {

    public static void main(String[] args) throws Exception {
        new EccmgrApplication().run(args);
    }

    @Override
    public String getName() {
        return "eccmgr";
    }

    @Override
    public void initialize(Bootstrap<EcledgerConfiguration> bootstrap) {
        // ${ECLEDGER_HTTP_PORT:-2025} and friends in the YAML, so several managers can run side by side
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        WebConsole.addTo(bootstrap);
    }

    @Override
    public void run(EcledgerConfiguration config, Environment environment) {
        // before Jetty is built from it: loopback unless the YAML names a bindHost, no gzip request inflation
        ServerDefaults.apply(config.getServerFactory());
        RestFilters.install(environment, config.getServerFactory(), config.getRest());
        // before anything writes there: the H2 file, the keys and the log carry what operators typed
        DataDirectory.makePrivate(config.dataPath());
        DataDirectory.makeLogsPrivate(config.getLoggingFactory());
        Clock clock = Clock.systemUTC();
        // the projection and the chain monitor both check every ledger event the manager itself just signed
        VerifiedSignatures.rememberInThisProcess();
        // after the guards: a request they refuse never reaches a credential check
        Users users = Users.open(config.getAuth().usersPath(config.dataPath()), clock);
        String host = hostName();
        Duration aliveWindow = Duration.ofMillis(config.getAliveWindow().toMilliseconds());
        // times as ISO-8601 text, targets as requests write them
        environment.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).registerModule(TargetJson.module());

        KafkaConnection kafka = new KafkaConnection(config.getKafka(), config.dataPath());
        kafka.startBrokerEarly();
        environment.lifecycle().manage(kafka);

        SkippedRecords skipped = new SkippedRecords();
        environment.metrics().gauge("ecledger.skipped-records", () -> skipped::count);
        // made on first start, refused (never replaced) when unreadable: agents pin its public half
        // a rotation swaps it for the next key, named by a KeyRotated the old one signed (api.keys.ManagerKeyRotation)
        CurrentManagerKey managerKey = new CurrentManagerKey(ManagerKey.loadOrCreate(config.dataPath()),
                ManagerKey.rotatedAt(config.dataPath()), ManagerKey.retiredPublicKeys(config.dataPath()));
        Ledger ledger = Ledger.openManager(kafka.bootstrapServers(), kafka.overrides(), config.getKafka().layout(), skipped,
                managerKey);
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                // once Kafka is up: the one writer of this prefix from now on; a manager that held it is fenced
                ledger.takeOver();
            }

            @Override
            public void stop() {
                ledger.close();
            }
        });

        // after a failed write (a full disk) H2 closes its database under every pooled connection, and each would answer
        // "database has been closed" from then on: checked at every borrow, a dead one is replaced by a new connection,
        // which opens the database again (an embedded SELECT 1 costs microseconds)
        config.getDatabase().setCheckConnectionOnBorrow(true);
        config.getDatabase().setValidationInterval(io.dropwizard.util.Duration.milliseconds(0));
        Jdbi jdbi = new JdbiFactory().build(environment, config.getDatabase(), "h2");
        // the views follow only the manager's events, from its oldest key on (the key that signed offset 0)
        PublicKey oldestManagerKey = ManagerKey.keyAt(config.dataPath(), 0);
        Projection projection = new Projection(jdbi, kafka.bootstrapServers(), kafka.overrides(), config.getKafka().layout(),
                clock, skipped, Optional.of(oldestManagerKey));
        environment.lifecycle().manage(projection);
        environment.metrics().gauge("ecledger.projection.ledger-lag", () -> projection::ledgerLag);

        CheckpointDao checkpoints = jdbi.onDemand(CheckpointDao.class);
        // a walk from offset N starts with the key that signed N: the retired files say which that was
        LongFunction<ManagerKeys> keysAt = offset -> new ManagerKeys(ManagerKey.keyAt(config.dataPath(), offset));
        ChainMonitor chainMonitor = new ChainMonitor(checkpoints, kafka.bootstrapServers(), kafka.overrides(),
                config.getKafka().layout(), clock, config.getCheckpointEvery(), keysAt);
        environment.lifecycle().manage(chainMonitor);

        io.ecledger.api.asof.SnapshotSettings asOfSettings = config.getAsOf().settings();
        AsOfViews asOf = new AsOfViews(kafka.bootstrapServers(), kafka.overrides(), config.getKafka().layout(), clock)
                .preseeding(config.getNodes().getPreseededKeys())
                .followingManager(oldestManagerKey)
                .withSnapshots(config.dataPath().resolve("asof"), asOfSettings);
        environment.lifecycle().manage(new io.ecledger.api.asof.SnapshotBuilder(asOf, asOfSettings.buildEvery()));
        Views views = new Views(jdbi, clock, asOf, projection.ownWrites());
        Results results = new Results(jdbi);
        Membership membership = new Membership(jdbi, aliveWindow);
        CommandIssuer issuer = new CommandIssuer(ledger, projection, membership, clock,
                Duration.ofMillis(config.getCommandTimeout().toMilliseconds()),
                Duration.ofMillis(config.getDeliveryTimeout().toMilliseconds()));
        CommandCanceller canceller = new CommandCanceller(ledger, projection, results, clock);
        environment.lifecycle().manage(new RolloutDriver(jdbi, results, ledger, projection, issuer, canceller, clock));
        RetrieveService retrieve = new RetrieveService(views, results, membership);
        FlushService flush = new FlushService(ledger, projection);
        InfoService info = new InfoService(config.getClusterName(), host, membership, projection, clock,
                managerKey);
        Shutdown shutdown = new Shutdown(config.isExitOnShutdown());
        environment.lifecycle().addServerLifecycleListener(shutdown::serverStarted);
        Grammar grammar = Grammar.standard();
        AuditService audit = new AuditService(ledger, checkpoints, keysAt);
        ConfigService configService = new ConfigService(jdbi, ledger, projection, config.ecclusterConfPath(),
                config.getConfig().writebackDirectory(config.ecclusterConfPath()),
                ConfigSchema.standard().actingOn(ListenerSettings.ACTED_ON).alsoActingOn(WebUiSettings.ACTED_ON));
        ReplayService replay = new ReplayService(ledger, issuer);
        HistoryService history = new HistoryService(jdbi, results, projection.ownWrites());
        NodeKeyService nodeKeys = new NodeKeyService(jdbi, ledger, projection);
        // preseeded keys are in place before the projection judges its first record
        new Migrations(jdbi, clock).migrate();
        nodeKeys.preseed(config.getNodes().getPreseededKeys());
        environment.metrics().gauge("ecledger.node-keys.quarantined", () -> nodeKeys::quarantinedCount);
        if (config.getNodes().isAutoAcceptKeys()) {
            environment.lifecycle().manage(new AutoAccept(nodeKeys, projection));
        }
        CurrentPolicy policy = CurrentPolicy.load(config.getPolicy().file());
        PolicyLoadRecorder policyLoads = new PolicyLoadRecorder(ledger, projection, jdbi);
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                // after the projection: it compares with the last PolicyLoaded the views hold, so a restart adds none
                policyLoads.recordIfChanged(policy.get().text(), policy.get().sha256(), policy.source(),
                        System.getProperty("user.name"));
            }
        });
        LedgerDenialSink denials = new LedgerDenialSink(ledger, clock, config.getPolicy().getDeniedBurst(),
                config.getPolicy().getDeniedPerMinute());
        environment.metrics().gauge(LedgerDenialSink.UNRECORDED_METRIC, () -> denials::unrecorded);
        // every door hands the gate an authenticated caller: REST's users file, the socket's peer uid or token
        Gate gate = new Gate(policy, denials);
        // the web console: its page at /ui/, its sign-in at /v1/session, its settings live from webui-common.conf
        LiveSettings webUi = new LiveSettings(configService::current, clock);
        WebConsole.listenProblem(webUi.get().listen(), config.getServerFactory()).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        Sessions sessions = new Sessions(webUi::sessionLimits, clock);
        // Jersey's filters run after every servlet filter, so the guards still come first
        RestAuth.install(environment, users, sessions);
        environment.jersey().register(new SessionResource(users, sessions, webUi, gate, clock));
        WebConsole.install(environment);
        environment.metrics().gauge("ecledger.webui.sessions", () -> sessions::open);
        CommandRerun rerun = new CommandRerun(results, issuer, gate, grammar, clock);
        ConsoleService console = new ConsoleService(grammar, Handlers.of(
                new SendHandler(issuer),
                new CancelHandler(canceller, grammar),
                new RerunHandler(rerun),
                new RetrieveHandlers(retrieve, flush),
                new MembershipHandler(views, membership, host),
                new ConfigHandler(configService, views),
                new HistoryHandlers(history, clock),
                new ReplayHandler(replay),
                new NodeKeyHandler(nodeKeys),
                new AuditHandler(audit),
                new InfoHandlers(info, shutdown),
                new PolicyHandler(policy, policyLoads, history),
                new HelpHandler(grammar)),
                Completions.live(membership, results, clock), gate);

        environment.jersey().register(new RefusedMapper());
        environment.jersey().register(new LedgerUnavailableMapper());
        environment.jersey().register(new ViewsUnavailableMapper());
        environment.jersey().register(new PolicyFilter(gate));
        environment.jersey().register(new ConsoleResource(console));
        environment.jersey().register(new ConfigResource(configService));
        CommandLookup commands = new CommandLookup(results, clock, projection.ownWrites());
        Followers followers = new Followers(results, clock);
        projection.onAnswers(followers);
        environment.lifecycle().manage(followers);
        environment.metrics().gauge("ecledger.follow.open-streams", () -> followers::open);
        environment.jersey().register(SseFeature.class);
        environment.jersey().register(new CommandsResource(grammar, issuer, commands, gate, followers, canceller));
        environment.jersey().register(new ResultsResource(retrieve, flush));
        environment.jersey().register(new MembershipResource(membership, views));
        environment.jersey().register(new AuditResource(audit, checkpoints));
        environment.jersey().register(new HistoryResource(history, clock));
        environment.jersey().register(new ReplayResource(replay, grammar, gate));
        environment.jersey().register(new NodeKeysResource(nodeKeys));
        environment.jersey().register(new InfoResource(info, shutdown));
        environment.jersey().register(new KeysResource(managerKey));

        if (config.getControlListener().isEnabled()) {
            // managed last: consoles connect only once everything they use has started
            // a Unix peer's roles are the policy's osUsers; a TCP session's token is a REST user's
            environment.lifecycle().manage(new ControlListener(config.getControlListener(), configService::current,
                    console, commands, followers, environment.getObjectMapper(), user -> policy.get().rolesOfOsUser(user),
                    users::authenticate));
        }

        environment.admin().addTask(new RebuildTask(projection));
        environment.admin().addTask(new RotateManagerKeyTask(
                new ManagerKeyRotation(ledger, managerKey, config.dataPath()), managerKey));

        environment.healthChecks().register("kafka", new KafkaHealthCheck(kafka));
        environment.healthChecks().register("ledger-chain", new ChainHealthCheck(chainMonitor,
                ChainHealthCheck.refusalsIn(jdbi.onDemand(NodeRefusalDao.class))));
        environment.healthChecks().register("ledger-writer", new LedgerWriterHealthCheck(ledger));
        environment.healthChecks().register("projection-lag",
                new ProjectionLagHealthCheck(projection, config.getMaxProjectionLag()));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
