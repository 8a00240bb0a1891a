package io.ecledger.api.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.testing.Cluster;
import io.ecledger.api.testing.SeededCluster;
import io.ecledger.ledger.command.Origin;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.CommandIssued;
import io.ecledger.ledger.kafka.Ledger;
import io.ecledger.ledger.testing.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The control socket against a caller that speaks raw bytes: too many sessions, silence, a line sent twice. */
@ExtendWith(KafkaBroker.class)
class ControlSocketAttackIT {

    /** One framed answer as it came off the socket: the text before the NUL and the status word after it. */
    private record Frame(String text, String status) {}

    @Test
    @Timeout(120)
    void aSessionPastTheCapIsRefusedAndClosedWhileTheOthersAreStillAnswered(KafkaBroker.Handle broker) throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().withControlSocket()
                .with("controlListener.maxSessions", "3").start()) {
            List<SocketChannel> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SocketChannel channel = open(cluster.socket());
                held.add(channel);
                assertThat(exchange(channel, "version").status()).isEqualTo("OK");
            }
            long before = cluster.ledger().endOffset();

            try (SocketChannel extra = open(cluster.socket())) {
                Frame refused = exchange(extra, "broadcast planted by the fourth session");

                assertThat(refused).isEqualTo(new Frame(
                        "too many control sessions: 3 are open (controlListener.maxSessions); try again later", "REFUSED"));
                assertThat(readToEnd(extra)).as("the manager closes the refused session").isEmpty();
            }
            assertThat(cluster.ledger().endOffset()).as("the refused line was not run").isEqualTo(before);
            for (SocketChannel channel : held) {
                assertThat(exchange(channel, "version").text()).startsWith("ecledger eccmgr version");
            }

            held.remove(0).close();
            // the freed place is taken again once the manager has seen the session end
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (SocketChannel next = open(cluster.socket())) {
                    assertThat(exchange(next, "version").status()).isEqualTo("OK");
                }
            });
            for (SocketChannel channel : held) {
                channel.close();
            }
        }
    }

    @Test
    @Timeout(120)
    void aClientThatNeverReadsItsAnswersCannotHoldTheOnlySessionPastTheIdleTimeout(KafkaBroker.Handle broker)
            throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().withControlSocket()
                .with("controlListener.maxSessions", "1").with("controlListener.idleTimeout", "1s").start();
                SocketChannel hog = open(cluster.socket())) {
            // many lines at once and no read: the manager's answers fill the socket and its write blocks
            hog.configureBlocking(false);
            ByteBuffer lines = ByteBuffer.wrap("help\n".repeat(20_000).getBytes(StandardCharsets.UTF_8));
            while (lines.hasRemaining() && hog.write(lines) > 0) {
                // as much as the socket takes
            }

            // refused (or cut off) while the hog holds the session; served once the idle timeout has closed it
            await().atMost(Duration.ofSeconds(20)).ignoreExceptionsInstanceOf(IOException.class).untilAsserted(() -> {
                try (SocketChannel next = open(cluster.socket())) {
                    assertThat(exchange(next, "version").status()).isEqualTo("OK");
                }
            });
        }
    }

    @Test
    @Timeout(180)
    void aSilentSessionIsClosedAtTheIdleTimeoutButASessionMidAnswerIsNotAndItsLineRunsOnce(KafkaBroker.Handle broker)
            throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().withControlSocket()
                .with("controlListener.idleTimeout", "1s").start()) {
            Ledger ledger = cluster.ledger();
            // enough commands that replaying them one append after the other outlasts the idle timeout several times
            int planted = 1_500;
            long end = plant(ledger, planted);
            long first = end - planted;

            try (SocketChannel silent = open(cluster.socket()); SocketChannel busy = open(cluster.socket())) {
                assertThat(exchange(silent, "version").status()).isEqualTo("OK");
                long started = System.nanoTime();
                write(busy, "replay " + first + ".." + (end - 1) + "\n");

                assertThat(readToEnd(silent)).as("the silent session is closed at its idle timeout").isEmpty();
                Frame replayed = readFrame(busy);
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

                assertThat(took).as("the replay must outlast the idle timeout and the reaper's period for the test to mean "
                        + "anything").isGreaterThan(2500);
                assertThat(replayed.status()).isEqualTo("OK");
                assertThat(replayed.text()).startsWith("replayed " + planted + " command(s)");
                assertThat(issuedSince(ledger, end)).as("the replay ran once").isEqualTo(planted);
                assertThat(exchange(busy, "version").status()).as("the busy session is still open").isEqualTo("OK");
            }
        }
    }

    @Test
    @Timeout(120)
    void aKeyedLineSentAgainOnAnotherConnectionIsAnsweredWithTheFirstAnswerAndAppendedOnce(KafkaBroker.Handle broker)
            throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().withControlSocket().start()) {
            String key = UUID.randomUUID().toString();
            long before = cluster.ledger().endOffset();

            Frame first;
            try (SocketChannel connection = open(cluster.socket())) {
                first = exchange(connection, "\0key " + key + "\nbroadcast version");
            }
            Frame again;
            try (SocketChannel connection = open(cluster.socket())) {
                again = exchange(connection, "\0key " + key + "\nbroadcast version");
            }

            assertThat(first.status()).isEqualTo("OK");
            assertThat(first.text()).contains("sent to broadcast");
            assertThat(again).isEqualTo(first);
            assertThat(issuedSince(cluster.ledger(), before)).as("one append only").isEqualTo(1);
        }
    }

    @Test
    @Timeout(180)
    void aKeyedReplaySentAgainAfterItsConnectionDroppedWaitsForTheFirstAnswerAndRunsOnce(KafkaBroker.Handle broker)
            throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().withControlSocket().start()) {
            Ledger ledger = cluster.ledger();
            int planted = 200;
            long end = plant(ledger, planted);
            String line = "\0key " + UUID.randomUUID() + "\nreplay " + (end - planted) + ".." + (end - 1) + "\n";

            try (SocketChannel dropped = open(cluster.socket())) {
                write(dropped, line);
                await().atMost(Duration.ofSeconds(30)).until(() -> issuedSince(ledger, end) > 0);
            }
            long whenResent;
            Frame resent;
            try (SocketChannel again = open(cluster.socket())) {
                write(again, line);
                whenResent = issuedSince(ledger, end);
                resent = readFrame(again);
            }

            assertThat(whenResent).as("the first replay was still running when the line came again").isLessThan(planted);
            assertThat(resent.status()).isEqualTo("OK");
            assertThat(resent.text()).startsWith("replayed " + planted + " command(s)");
            assertThat(issuedSince(ledger, end)).as("replayed once").isEqualTo(planted);
        }
    }

    @Test
    @Timeout(120)
    void aKeyReusedForAnotherLineIsRefusedAndThatLineIsNotRun(KafkaBroker.Handle broker) throws Exception {
        try (Cluster cluster = SeededCluster.fresh(broker).withoutNodes().withControlSocket().start();
                SocketChannel connection = open(cluster.socket())) {
            String key = UUID.randomUUID().toString();
            assertThat(exchange(connection, "\0key " + key + "\nbroadcast version").status()).isEqualTo("OK");
            long before = cluster.ledger().endOffset();

            Frame other = exchange(connection, "\0key " + key + "\nbroadcast shutdown");
            Frame badKey = exchange(connection, "\0key ../../etc/passwd\nbroadcast shutdown");

            assertThat(other).isEqualTo(new Frame(
                    "idempotency key " + key + " was used for another line; the line was not run", "REFUSED"));
            assertThat(badKey).isEqualTo(new Frame(
                    "idempotency key must be 1 to 64 letters, digits, '-' or '_'; the line was not run", "REFUSED"));
            assertThat(cluster.ledger().endOffset()).isEqualTo(before);
        }
    }

    /** Appends {@code count} broadcasts at once, as another writer; answers the ledger's end offset after them. */
    private static long plant(Ledger ledger, int count) {
        List<CompletableFuture<?>> appends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            appends.add(ledger.appendAsync("planter", Origin.REST, CommandIssued.of(new Target.Broadcast(),
                    "version " + i, List.of(), Instant.now().plusSeconds(60))));
        }
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).join();
        return ledger.endOffset();
    }

    /** Commands on the ledger from {@code offset} on (offsets alone would count the one writer's commit markers too). */
    private static long issuedSince(Ledger ledger, long offset) {
        long[] issued = {0};
        ledger.read(offset, entry -> {
            if (entry.event().payload() instanceof CommandIssued) {
                issued[0]++;
            }
        });
        return issued[0];
    }

    private static SocketChannel open(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
    }

    private static Frame exchange(SocketChannel channel, String request) throws IOException {
        write(channel, request + "\n");
        return readFrame(channel);
    }

    private static void write(SocketChannel channel, String bytes) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(bytes.getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    /** Bytes up to the NUL, then up to the newline; fails if the manager closes before the frame ends. */
    private static Frame readFrame(SocketChannel channel) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ByteArrayOutputStream status = new ByteArrayOutputStream();
        ByteArrayOutputStream into = text;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new IOException("closed before the frame ended: " + text.toString(StandardCharsets.UTF_8));
            }
            byte b = one.get(0);
            if (into == text && b == 0) {
                into = status;
            } else if (into == status && b == '\n') {
                return new Frame(text.toString(StandardCharsets.UTF_8), status.toString(StandardCharsets.UTF_8));
            } else {
                into.write(b);
            }
        }
    }

    /** Everything the manager still sends until it closes the connection. */
    private static String readToEnd(SocketChannel channel) throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        ByteBuffer in = ByteBuffer.allocate(1024);
        int read;
        while ((read = channel.read(in.clear())) >= 0) {
            rest.write(in.array(), 0, read);
        }
        return rest.toString(StandardCharsets.UTF_8);
    }
}
