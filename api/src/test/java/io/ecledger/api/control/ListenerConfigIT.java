package io.ecledger.api.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.testing.KafkaBroker;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A real manager's control listener as its eccluster.conf's {@code Control_Listener} says, over raw socket bytes. */
@ExtendWith(KafkaBroker.class)
class ListenerConfigIT {

    @Test
    void theManagerServesTheFilesListenEntriesAndATcpSessionRunsNothingBeforeItAuthenticates(KafkaBroker.Handle broker,
            @TempDir Path directory) throws Exception {
        Path socket = directory.resolve("ctl");
        int port;
        // a port free a moment ago: the manager binds only what the file gives, so the test must give a number
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path conf = Files.writeString(directory.resolve("eccluster.conf"), """
                Control_Listener {
                  Enable_Authentication = "true"
                  Enable_Authorization = "true"
                  Listen "%s" {
                    file_mode = 0600
                  }
                  Listen "127.0.0.1:%d" {
                  }
                }
                """.formatted(socket, port));

        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().with("controlListener.enabled", "true")
                .with("ecclusterConf", conf.toString()).start();
                RawSession unix = RawSession.unix(socket); RawSession tcp = RawSession.tcp(port)) {
            assertThat(unix.send("version").status()).isEqualTo("OK");
            assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            long before = cluster.ledger().endOffset();

            RawSession.Frame unauthenticated = tcp.send("broadcast version");
            RawSession.Frame guessed = tcp.send("\0auth admin");
            RawSession.Frame afterGuess = tcp.send("\0key k1\nconfig set Control_Listener Enable_Authentication false");

            assertThat(unauthenticated).isEqualTo(afterGuess).isEqualTo(new RawSession.Frame(
                    "authenticate first: send \\0auth TOKEN; the line was not run", "REFUSED"));
            assertThat(guessed).isEqualTo(new RawSession.Frame("authentication failed: no such token; send \\0auth TOKEN",
                    "REFUSED"));
            assertThat(cluster.ledger().endOffset()).as("nothing appended").isEqualTo(before);
        }
    }

    @Test
    void configSetOfAListenerOptionSaysItTakesEffectOnRestartAndConfigShowMarksWhatIsNotActedOn(
            KafkaBroker.Handle broker) throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().withSeedConf().withControlSocket().start();
                RawSession console = RawSession.unix(cluster.socket())) {
            RawSession.Frame listener = console.send("config set Control_Listener Timeout 120");
            RawSession.Frame decorative = console.send("config set Server_Max_File_Descriptors 1024");

            assertThat(listener.status()).isEqualTo("OK");
            assertThat(listener.text()).startsWith("Timeout = 120 in Control_Listener (ledger offset ")
                    .endsWith("; takes effect on restart: the manager reads it when it starts");
            assertThat(decorative.text()).startsWith("Server_Max_File_Descriptors = 1024 in (global)")
                    .endsWith("; not acted on: the manager keeps it in the file, nothing in it obeys it");
            assertThat(console.send("config show").text().lines())
                    .contains("Server_Max_File_Descriptors = 1024  # not acted on");
            assertThat(console.send("config show Control_Listener").text().lines())
                    .contains("Enable_Authentication = \"true\"", "Enable_Authorization = \"true\"", "Timeout = 120");
            assertThat(console.send("config show Control_Listener Listen /tmp/2025").text()).isEqualTo("file_mode = 0666");
            assertThat(console.send("config show Security").text().lines())
                    .containsExactly("User = \"ecuser\"  # not acted on", "Group = \"ecuser\"  # not acted on");
        }
    }
}
