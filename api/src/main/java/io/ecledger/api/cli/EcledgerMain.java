package io.ecledger.api.cli;

import io.ecledger.api.console.text.AuditText;
import io.ecledger.api.history.LedgerExport;
import io.ecledger.ledger.chain.ChainVerdict;
import io.ecledger.ledger.chain.Checkpoint;
import io.ecledger.ledger.kafka.ClientProperties;
import io.ecledger.ledger.kafka.KafkaClientOverrides;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.LedgerUnavailableException;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import io.ecledger.ledger.sign.ManagerKey;
import io.ecledger.ledger.sign.ManagerKeyException;
import io.ecledger.ledger.sign.ManagerKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code ops/bin/ecledger}: operator tools that work on the ledger itself. */
@Command(name = "ecledger", mixinStandardHelpOptions = true, subcommands = {EcledgerMain.Verify.class, EcledgerMain.Export.class,
        RebuildCommand.class, KeyCommand.class, UserCommand.class, AclRecipeCommand.class},
        description = "Tools that work on an ecledger cluster's ledger.")
public final class EcledgerMain implements Runnable {

    static final String KAFKA_CONFIG_HELP = "Kafka client properties (Java properties, e.g. security.protocol=SASL_SSL,"
            + " sasl.*, ssl.*) for every Kafka client this command makes";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs with the given output, returning the exit code: 0 done/intact, 1 failed/broken, 2 usage or unreachable. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return new CommandLine(new EcledgerMain()).setOut(out).setErr(err).execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: verify, export, rebuild, key, user, acl-recipe");
    }

    /** {@code ecledger verify}: walks the hash chain and says whether the ledger was rewritten. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Walk the ledger's SHA-256 chain from its first event (or after --from) and report the "
                    + "verified range and head, or the first offset where it breaks and why.")
    static final class Verify implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--kafka", paramLabel = "HOST:PORT",
                description = "bootstrap servers (default: the embedded broker of a manager on this machine, "
                        + "127.0.0.1:$ECLEDGER_KAFKA_PORT or 9092)")
        String kafka = "127.0.0.1:" + System.getenv().getOrDefault("ECLEDGER_KAFKA_PORT", "9092");

        @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "topic prefix (default: ${DEFAULT-VALUE})")
        String prefix = TopicLayout.DEFAULT_PREFIX;

        @Option(names = "--kafka-config", paramLabel = "FILE", description = KAFKA_CONFIG_HELP)
        Path kafkaConfig;

        @Option(names = "--from", paramLabel = "OFFSET:HASH",
                description = "a checkpoint to trust and verify after, as printed by an earlier verify")
        String from;

        @Option(names = "--manager-key", paramLabel = "FILE",
                description = "also check every event's signature, starting from this manager public key (the one that "
                        + "signed the first event walked; rotations in the ledger are followed)")
        Path managerKey;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Checkpoint checkpoint;
            KafkaClientOverrides overrides;
            try {
                checkpoint = from == null ? null : Checkpoint.parse(from);
            } catch (IllegalArgumentException e) {
                err.println("ecledger verify: " + e.getMessage());
                return 2;
            }
            try {
                overrides = overrides(kafkaConfig);
            } catch (IllegalArgumentException e) {
                err.println("ecledger verify: --kafka-config: " + e.getMessage());
                return 2;
            }
            Optional<ManagerKeys> keys;
            try {
                keys = managerKey == null ? Optional.empty() : Optional.of(new ManagerKeys(ManagerKey.readPublic(managerKey)));
            } catch (ManagerKeyException e) {
                err.println("ecledger verify: --manager-key: " + e.getMessage());
                return 2;
            }
            try (Ledger ledger = Ledger.open(kafka, overrides, new TopicLayout(prefix), new SkippedRecords())) {
                ChainVerdict verdict = ledger.verify(checkpoint, keys);
                out.println(AuditText.verdict(verdict));
                return verdict.intact() ? 0 : 1;
            } catch (LedgerUnavailableException e) {
                err.println("ecledger verify: cannot read the ledger at " + kafka + ": " + e.getMessage());
                return 2;
            } catch (KafkaException e) {
                err.println("ecledger verify: cannot make a Kafka client for " + kafka + ": " + rootMessage(e));
                return 2;
            }
        }
    }

    /** {@code ecledger export}: the ledger and its responses, readable, on stdout. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Stream ledger events (each command with its nodes' responses) to stdout for archiving: "
                    + "one JSON object per line, or CSV with a header. Undecodable records appear as entries saying so.")
    static final class Export implements Callable<Integer> {

        /** Ranges at least this long get a progress bar on a terminal. */
        static final long LARGE_RANGE = 10_000;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--kafka", paramLabel = "HOST:PORT",
                description = "bootstrap servers (default: 127.0.0.1:$ECLEDGER_KAFKA_PORT or 9092)")
        String kafka = "127.0.0.1:" + System.getenv().getOrDefault("ECLEDGER_KAFKA_PORT", "9092");

        @Option(names = "--topic-prefix", paramLabel = "PREFIX", description = "topic prefix (default: ${DEFAULT-VALUE})")
        String prefix = TopicLayout.DEFAULT_PREFIX;

        @Option(names = "--kafka-config", paramLabel = "FILE", description = KAFKA_CONFIG_HELP)
        Path kafkaConfig;

        @Option(names = "--from", paramLabel = "OFFSET", description = "first ledger offset (default: the first)")
        long from = 0;

        @Option(names = "--to", paramLabel = "OFFSET", description = "last ledger offset, inclusive (default: the last)")
        long to = Long.MAX_VALUE - 1;

        @Option(names = "--format", paramLabel = "jsonl|csv", description = "output format (default: jsonl)")
        String format = "jsonl";

        @Option(names = "--progress", paramLabel = "auto|always|never",
                description = "progress bar on stderr; auto: when stderr is a terminal and the range is large")
        String progress = "auto";

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LedgerExport.Format chosen;
            try {
                chosen = LedgerExport.Format.valueOf(format.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                err.println("ecledger export: --format must be jsonl or csv, not '" + format + "'");
                return 2;
            }
            if (from < 0 || to < from || !java.util.List.of("auto", "always", "never").contains(progress)) {
                err.println("ecledger export: need 0 <= --from <= --to and --progress auto, always or never");
                return 2;
            }
            KafkaClientOverrides overrides;
            try {
                overrides = overrides(kafkaConfig);
            } catch (IllegalArgumentException e) {
                err.println("ecledger export: --kafka-config: " + e.getMessage());
                return 2;
            }
            // ops/bin/ecledger knows whether stderr is a terminal ([ -t 2 ]); Java 17 cannot ask about one stream
            boolean terminal = "1".equals(System.getenv("ECLEDGER_STDERR_TTY"));
            LedgerExport export = new LedgerExport(
                    () -> new KafkaConsumer<>(ClientProperties.scanReader(kafka, "ecledger-export", overrides)),
                    new TopicLayout(prefix), Duration.ofSeconds(30));
            try {
                long written = export.export(from, to, chosen, out, (done, total) -> {
                    if (progress.equals("always") || (progress.equals("auto") && terminal && total >= LARGE_RANGE)) {
                        err.print(progressBar(done, total));
                        err.flush();
                    }
                });
                if (progress.equals("always") || (progress.equals("auto") && terminal && written >= LARGE_RANGE)) {
                    err.println();
                }
                return 0;
            } catch (LedgerUnavailableException e) {
                err.println("ecledger export: cannot read the ledger at " + kafka + ": " + e.getMessage());
                return 2;
            } catch (KafkaException e) {
                err.println("ecledger export: cannot make a Kafka client for " + kafka + ": " + rootMessage(e));
                return 2;
            }
        }
    }

    /** The operator's Kafka client properties from {@code --kafka-config FILE}, or none without one. */
    static KafkaClientOverrides overrides(Path kafkaConfig) {
        return kafkaConfig == null ? KafkaClientOverrides.none() : KafkaClientOverrides.read(kafkaConfig);
    }

    /** What Kafka says is wrong: a client it cannot build (a bad --kafka-config value) wraps the reason. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** One frame of export's progress bar: a carriage return, then the bar, the percentage and the count. */
    public static String progressBar(long done, long total) {
        int width = 40;
        int filled = total == 0 ? width : (int) (width * done / total);
        long percent = total == 0 ? 100 : 100 * done / total;
        return "\rexport [" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + percent + "% " + done + "/" + total;
    }
}
