package io.ecledger.api.cli;

import io.ecledger.ledger.sign.KeyFiles;
import io.ecledger.ledger.sign.KeyFingerprint;
import io.ecledger.ledger.sign.ManagerKeyException;
import io.ecledger.ledger.sign.ManagerKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ecledger key}: the manager's signing key. */
@Command(name = "key", mixinStandardHelpOptions = true, subcommands = {KeyCommand.Show.class, KeyCommand.Rotate.class},
        description = "The manager's Ed25519 key, which signs every ledger event.")
final class KeyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: show, rotate");
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
            ManagerKey.rotatedAt(data).ifPresent(offset -> out.println("rotated at offset " + offset));
            out.println("file: " + file.toAbsolutePath().normalize());
            out.print(KeyFiles.publicPem(key));
            out.flush();
            return 0;
        }
    }

    /**
     * {@code ecledger key rotate}: asks the running manager, through its {@code rotate-manager-key} admin task, to
     * rotate its key. The manager holds the private key and is the only ledger writer, so the rotation runs inside it.
     */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Make the running manager switch to a new key: it appends a KeyRotated event signed by the "
                    + "old key that names the new one (agents follow it), then signs with the new key.")
    static final class Rotate implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--admin", paramLabel = "[HOST:]PORT",
                description = "the manager's admin connector (default: 127.0.0.1:$ECLEDGER_ADMIN_PORT or 2026)")
        String admin = System.getenv().getOrDefault("ECLEDGER_ADMIN_PORT", "2026");

        @CommandLine.Mixin
        AdminToken token;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            HttpRequest.Builder request;
            try {
                request = token.authorize(HttpRequest.newBuilder());
            } catch (IllegalArgumentException e) {
                err.println("ecledger key rotate: " + e.getMessage());
                return 2;
            }
            URI task = URI.create("http://" + (admin.contains(":") ? admin : "127.0.0.1:" + admin)
                    + "/tasks/rotate-manager-key");
            HttpResponse<String> response;
            try {
                response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build().send(
                        request.uri(task).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                err.println("ecledger key rotate: no manager answers at " + task + " (" + e + "); the key rotates inside "
                        + "the running manager: start it with ops/bin/eccmgr, or name its admin port with --admin");
                return 2;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 2;
            }
            if (response.statusCode() != 200) {
                err.println("ecledger key rotate: the manager answered HTTP " + response.statusCode() + ": "
                        + response.body().strip());
                return 1;
            }
            spec.commandLine().getOut().print(response.body());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
