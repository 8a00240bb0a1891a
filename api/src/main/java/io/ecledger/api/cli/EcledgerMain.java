package io.ecledger.api.cli;

import io.ecledger.api.audit.AuditService;
import io.ecledger.ledger.chain.ChainVerdict;
import io.ecledger.ledger.chain.Checkpoint;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.kafka.LedgerUnavailableException;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ops/bin/ecledger}: operator tools that work on the ledger itself. */
@Command(name = "ecledger", mixinStandardHelpOptions = true, subcommands = {EcledgerMain.Verify.class, RebuildCommand.class},
        description = "Tools that work on an ecledger cluster's ledger.")
public final class EcledgerMain implements Runnable {

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
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: verify, rebuild");
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

        @Option(names = "--from", paramLabel = "OFFSET:HASH",
                description = "a checkpoint to trust and verify after, as printed by an earlier verify")
        String from;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Checkpoint checkpoint;
            try {
                checkpoint = from == null ? null : Checkpoint.parse(from);
            } catch (IllegalArgumentException e) {
                err.println("ecledger verify: " + e.getMessage());
                return 2;
            }
            try (Ledger ledger = Ledger.open(kafka, new TopicLayout(prefix), new SkippedRecords())) {
                ChainVerdict verdict = ledger.verify(checkpoint);
                out.println(AuditService.text(verdict));
                return verdict.intact() ? 0 : 1;
            } catch (LedgerUnavailableException e) {
                err.println("ecledger verify: cannot read the ledger at " + kafka + ": " + e.getMessage());
                return 2;
            }
        }
    }
}
