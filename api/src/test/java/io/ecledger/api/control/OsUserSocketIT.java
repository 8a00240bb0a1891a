package io.ecledger.api.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.event.CommandDenied;
import io.ecledger.ledger.kafka.LedgerEntry;
import io.ecledger.ledger.policy.CommandPolicy;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control socket as two OS users: the manager's own (root in CI) and {@code nobody}, whose console is a real
 * process started with setpriv. The peer's uid, read with SO_PEERCRED, decides its roles by the policy's osUsers.
 */
@ExtendWith(KafkaBroker.class)
class OsUserSocketIT {

    private static final String OTHER_USER = "nobody";
    private static final String NO_ROLE_SEND =
            "a caller with no role may not send 'version' to broadcast: no rule allows it (rule default: deny)";
    private static final String NO_ROLE_RUN =
            "a caller with no role may not run 'version': no rule allows it (rule default: deny)";
    private static final String VIEWER_SEND =
            "role viewer may not send 'version' to broadcast: no rule allows it (rule default: deny)";

    /** Where the probe, the policies and the sockets are: a directory the other user may enter. */
    private static Path shared;

    private static Path probe;

    @BeforeAll
    static void aSecondOsUserCanRunAConsole() throws IOException {
        assumeTrue(System.getProperty("user.name").equals("root"),
                "needs root to run a console as " + OTHER_USER + " (setpriv); this JVM runs as "
                        + System.getProperty("user.name"));
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs /usr/bin/setpriv (util-linux)");
        // the other user must reach the probe and the socket, so not JUnit's temp directory, which is 0700
        shared = Files.createTempDirectory("ecledger-os-users-");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        probe = shared.resolve("SocketProbe.java");
        try (InputStream source = OsUserSocketIT.class.getResourceAsStream("SocketProbe.java.txt")) {
            Files.copy(source, probe);
        }
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterAll
    static void removeTheSharedDirectory() throws IOException {
        if (shared != null) {
            try (Stream<Path> paths = Files.walk(shared)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Test
    @Timeout(180)
    void anUnmappedOsUserIsRefusedEverythingAndOnlyItsDenialsGoOnTheLedger(KafkaBroker.Handle broker)
            throws Exception {
        Path socket = shared.resolve("unmapped.ctl");
        try (Cluster cluster = socketCluster(broker, socket, CommandPolicy.standardText())) {
            long before = cluster.ledger().endOffset();

            List<String> answers = asOtherUser(socket, "broadcast version", "version");

            assertThat(answers).containsExactly("REFUSED\t" + NO_ROLE_SEND, "REFUSED\t" + NO_ROLE_RUN);
            List<LedgerEntry> appended = cluster.ledgerSince(before);
            assertThat(appended).extracting(entry -> entry.event().payload()).containsExactly(
                    new CommandDenied("broadcast version", "default: deny", NO_ROLE_SEND),
                    new CommandDenied("version", "default: deny", NO_ROLE_RUN));
            assertThat(appended).allSatisfy(entry -> {
                assertThat(entry.event().actor()).isEqualTo(OTHER_USER);
                assertThat(entry.event().origin()).isEqualTo(Origin.CONTROL_LISTENER);
            });
            assertThat(cluster.executorCalls().values()).as("no node ran anything").allMatch(calls -> calls == 0);
        }
    }

    @Test
    @Timeout(180)
    void aMappedViewerReadsButMayNotSendWhileTheManagersOwnUserMay(KafkaBroker.Handle broker) throws Exception {
        String policy = CommandPolicy.standardText().replace("  $manager: [admin]",
                "  $manager: [admin]\n  " + OTHER_USER + ": [viewer]");
        Path socket = shared.resolve("viewer.ctl");
        try (Cluster cluster = socketCluster(broker, socket, policy)) {
            long before = cluster.ledger().endOffset();

            List<String> viewer = asOtherUser(socket, "version", "broadcast version");

            assertThat(viewer.get(0)).startsWith("OK\t");
            assertThat(viewer.get(1)).isEqualTo("REFUSED\t" + VIEWER_SEND);
            assertThat(cluster.ledgerSince(before)).extracting(entry -> entry.event().payload())
                    .containsExactly(new CommandDenied("broadcast version", "default: deny", VIEWER_SEND));

            try (RawSession own = RawSession.unix(socket)) {
                assertThat(own.send("broadcast version").status()).as("the manager's own user is admin")
                        .isEqualTo("OK");
            }
        }
    }

    private static Cluster socketCluster(KafkaBroker.Handle broker, Path socket, String policyText) throws IOException {
        Path policy = Files.writeString(Files.createTempFile(shared, "policy", ".yaml"), policyText);
        // the seed's eccluster.conf: its Listen is file_mode 0666, so any local user may connect; the policy decides
        return SeededCluster.fresh(broker).withSeedConf().withControlSocket(socket)
                .with("policy.file", policy.toString()).start();
    }

    /** Each line's answer, as the probe prints it: {@code STATUS<TAB>TEXT}. */
    private static List<String> asOtherUser(Path socket, String... lines) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=" + OTHER_USER, "--regid=nogroup",
                "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(), probe.toString(),
                socket.toString()));
        command.addAll(List.of(lines));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

}
