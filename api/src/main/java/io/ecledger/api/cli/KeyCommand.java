package io.ecledger.api.cli;

import io.ecledger.ledger.sign.KeyFiles;
import io.ecledger.ledger.sign.KeyFingerprint;
import io.ecledger.ledger.sign.ManagerKeyException;
import io.ecledger.ledger.sign.ManagerKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecledger key}: the manager's signing key. */
@Command(name = "key", mixinStandardHelpOptions = true, subcommands = KeyCommand.Show.class,
        description = "The manager's Ed25519 key, which signs every ledger event.")
final class KeyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: show");
    }

    /** {@code ecledger key show}: the public key and its fingerprint, read from the manager's data directory. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the manager's public key (PEM) and its fingerprint, read from the manager's data directory; "
                    + "give agents this file to pin them to the manager.")
    static final class Show implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--data", paramLabel = "DIR",
                description = "the manager's dataDirectory (default: $ECLEDGER_DATA or ./data, as ops/conf/eccmgr.yml)")
        Path data = Path.of(System.getenv().getOrDefault("ECLEDGER_DATA", "./data"));

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path file = data.resolve(ManagerKey.PUBLIC_FILE);
            PublicKey key;
            try {
                key = ManagerKey.readPublic(file);
            } catch (ManagerKeyException e) {
                spec.commandLine().getErr().println("ecledger key show: " + e.getMessage()
                        + " (the manager makes its key on first start in its dataDirectory; try --data DIR)");
                return 2;
            }
            out.println("fingerprint: " + KeyFingerprint.of(key));
            out.println("file: " + file.toAbsolutePath().normalize());
            out.print(KeyFiles.publicPem(key));
            out.flush();
            return 0;
        }
    }
}
