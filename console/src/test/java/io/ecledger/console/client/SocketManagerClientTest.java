package io.ecledger.console.client;

import io.ecledger.ledger.command.CompletionData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocketManagerClientTest {

    @TempDir
    Path dir;

    private static final UUID FOLLOWED = UUID.fromString("5d1f0e3a-9b7c-4e2d-8a61-0c4b2f9e7a33");

    private static Answer seed(String line) {
        if (line.equals("\0completions")) {
            return Answer.ok("{\"nodes\": [\"rh52bare\", \"rh52mgr\"], \"subclusters\": [\"east\"],"
                    + " \"commands\": [\"sieve:sieve1 flush cache\"], \"later\": 1}");
        }
        if (line.equals("\0command " + FOLLOWED)) {
            return Answer.ok("{\"commandId\": \"" + FOLLOWED + "\", \"commandText\": \"version\", \"nodes\": ["
                    + "{\"node\": \"rh52bare\", \"state\": \"ANSWERED\", \"status\": \"OK\"},"
                    + "{\"node\": \"rh52mgr\", \"state\": \"PENDING\", \"status\": null},"
                    + "{\"node\": \"rh52bar2\", \"state\": \"TIMED_OUT\", \"status\": null}]}");
        }
        if (line.startsWith("\0command ")) {
            return Answer.refused("no command " + line.substring("\0command ".length()));
        }
        if (line.startsWith("unicast nosuchnode")) {
            return Answer.refused("unknown node 'nosuchnode'; known nodes: rh52bar2, rh52bare, rh52mgr");
        }
        return Answer.ok("answer to " + line + "\nsecond line ünïcödé");
    }

    @Test
    void aLineIsAnsweredWithTheManagersTextAndStatusOverOneConnection() throws Exception {
        try (FakeControlListener manager = FakeControlListener.start(dir.resolve("2025"), SocketManagerClientTest::seed);
                SocketManagerClient client = new SocketManagerClient(manager.socket, manager.socket.toString())) {

            assertThat(client.send("broadcast version")).isEqualTo(Answer.ok("answer to broadcast version\nsecond line ünïcödé"));
            assertThat(client.send("info")).isEqualTo(Answer.ok("answer to info\nsecond line ünïcödé"));

            assertThat(manager.received).containsExactly("broadcast version", "info");
            assertThat(manager.connections).hasValue(1);
        }
    }

    @Test
    void aRefusedLineComesBackRefusedWithTheReason() throws Exception {
        try (FakeControlListener manager = FakeControlListener.start(dir.resolve("2025"), SocketManagerClientTest::seed);
                SocketManagerClient client = new SocketManagerClient(manager.socket, manager.socket.toString())) {

            assertThat(client.send("unicast nosuchnode version")).isEqualTo(
                    Answer.refused("unknown node 'nosuchnode'; known nodes: rh52bar2, rh52bare, rh52mgr"));
        }
    }

    @Test
    void aCommandsProgressIsAskedForWithTheNulProtocolRequestAndReadAsJson() throws Exception {
        try (FakeControlListener manager = FakeControlListener.start(dir.resolve("2025"), SocketManagerClientTest::seed);
                SocketManagerClient client = new SocketManagerClient(manager.socket, manager.socket.toString())) {

            assertThat(client.progress(FOLLOWED)).contains(new CommandProgress(FOLLOWED, java.util.List.of("rh52mgr")));
            assertThat(client.progress(UUID.fromString("00000000-0000-0000-0000-000000000001"))).isEmpty();
            assertThat(manager.received).containsExactly("\0command " + FOLLOWED,
                    "\0command 00000000-0000-0000-0000-000000000001");
        }
    }

    @Test
    void completionsAreAskedForWithTheNulProtocolRequestAndReadAsJson() throws Exception {
        try (FakeControlListener manager = FakeControlListener.start(dir.resolve("2025"), SocketManagerClientTest::seed);
                SocketManagerClient client = new SocketManagerClient(manager.socket, manager.socket.toString())) {

            assertThat(client.completions()).isEqualTo(new CompletionData(
                    java.util.List.of("rh52bare", "rh52mgr"), java.util.List.of("east"),
                    java.util.List.of("sieve:sieve1 flush cache")));
        }
    }

    @Test
    void aManagerThatRefusesTheCompletionsRequestCompletesWithoutLiveData() throws Exception {
        try (FakeControlListener manager = FakeControlListener.start(dir.resolve("2025"),
                        line -> Answer.refused("unknown command"));
                SocketManagerClient client = new SocketManagerClient(manager.socket, manager.socket.toString())) {

            assertThat(client.completions()).isEqualTo(CompletionData.NONE);
        }
    }

    @Test
    void theNextLineReconnectsAfterTheManagerClosedAnIdleConnection() throws Exception {
        try (FakeControlListener manager = FakeControlListener.start(dir.resolve("2025"), SocketManagerClientTest::seed);
                SocketManagerClient client = new SocketManagerClient(manager.socket, manager.socket.toString())) {
            client.send("version");

            manager.dropConnections();

            assertThat(client.send("info")).isEqualTo(Answer.ok("answer to info\nsecond line ünïcödé"));
            assertThat(manager.connections).hasValue(2);
            assertThat(manager.received).containsExactly("version", "info");
        }
    }

    @Test
    void aLineSentAgainAfterTheConnectionDroppedMidLineCarriesTheSameKeyAndEveryNewLineANewOne() throws Exception {
        AtomicInteger broadcasts = new AtomicInteger();
        try (FakeControlListener manager = FakeControlListener.start(dir.resolve("2025"),
                line -> line.equals("broadcast version") && broadcasts.getAndIncrement() == 0 ? null : seed(line));
                SocketManagerClient client = new SocketManagerClient(manager.socket, manager.socket.toString())) {
            client.send("version");

            assertThat(client.send("broadcast version")).isEqualTo(
                    Answer.ok("answer to broadcast version\nsecond line ünïcödé"));

            assertThat(manager.received).containsExactly("version", "broadcast version", "broadcast version");
            assertThat(manager.keys).hasSize(3);
            assertThat(manager.keys.get(2)).as("the resend reuses the key").isEqualTo(manager.keys.get(1));
            assertThat(manager.keys.get(1)).isNotEqualTo(manager.keys.get(0));
            assertThat(manager.connections).hasValue(2);
        }
    }

    private static String event(long id, String node, String state, String status) {
        return FakeControlListener.frame("{\"id\":" + id + ",\"event\":\"node\",\"data\":{\"node\":\"" + node
                + "\",\"subcluster\":\"east\",\"state\":\"" + state + "\",\"status\":"
                + (status == null ? "null" : "\"" + status + "\"") + ",\"output\":null}}", "EVENT");
    }

    @Test
    void followReadsEveryEventFrameOfTheStreamOnAConnectionOfItsOwnUntilDone() throws Exception {
        String stream = event(1, "rh52bare", "RUNNING", null)
                + FakeControlListener.frame("{\"id\":0,\"event\":\"keep-alive\",\"data\":null}", "EVENT")
                + event(2, "rh52bare", "ANSWERED", "OK") + event(3, "rh52mgr", "TIMED_OUT", null)
                + FakeControlListener.frame("{\"id\":4,\"event\":\"done\",\"data\":{}}", "OK");
        try (FakeControlListener manager = FakeControlListener.startWithFrames(dir.resolve("2025"),
                        request -> request.equals("\0follow " + FOLLOWED) ? stream
                                : FakeControlListener.frame("answer to " + request, "OK"));
                SocketManagerClient client = new SocketManagerClient(manager.socket, manager.socket.toString())) {
            assertThat(client.send("info").ok()).isTrue();
            List<NodeUpdate> told = new ArrayList<>();

            assertThat(client.follow(FOLLOWED, Duration.ofSeconds(10), told::add)).isTrue();

            assertThat(told).extracting(NodeUpdate::node, NodeUpdate::state).containsExactly(
                    tuple("rh52bare", "RUNNING"), tuple("rh52bare", "ANSWERED"), tuple("rh52mgr", "TIMED_OUT"));
            assertThat(told.get(1).status()).hasValue("OK");
            assertThat(manager.received).containsExactly("info", "\0follow " + FOLLOWED);
            assertThat(manager.connections).as("the stream had a connection of its own").hasValue(2);
            assertThat(client.send("version").text()).as("the console's own connection goes on")
                    .isEqualTo("answer to version");
            assertThat(manager.connections).hasValue(2);
        }
    }

    @Test
    void followEndsFalseWhenTheWaitRunsOutAndWhenTheManagerRefusesIt() throws Exception {
        UUID unknown = UUID.fromString("00000000-0000-0000-0000-000000000002");
        try (FakeControlListener manager = FakeControlListener.startWithFrames(dir.resolve("2025"),
                request -> request.equals("\0follow " + unknown)
                        ? FakeControlListener.frame("no command " + unknown, "REFUSED")
                        : event(1, "rh52bare", "RUNNING", null));
                SocketManagerClient client = new SocketManagerClient(manager.socket, manager.socket.toString())) {

            assertThat(client.follow(FOLLOWED, Duration.ofMillis(300), update -> { })).as("never done").isFalse();
            assertThat(client.awaitSettled(unknown, Duration.ofSeconds(10))).isFalse();
        }
    }

    @Test
    void aManagerWithoutTheStreamIsWaitedForByAskingForProgress() throws Exception {
        try (FakeControlListener manager = FakeControlListener.start(dir.resolve("2025"), request ->
                request.startsWith("\0follow ") ? Answer.refused("unknown protocol request '" + request.substring(1) + "'")
                        : seed(request));
                SocketManagerClient client = new SocketManagerClient(manager.socket, manager.socket.toString())) {

            assertThat(client.awaitSettled(FOLLOWED, Duration.ofMillis(600))).as("rh52mgr stays pending").isFalse();
            assertThat(manager.received).startsWith("\0follow " + FOLLOWED, "\0command " + FOLLOWED);
        }
    }

    @Test
    void aLineBreakInsideALineIsRefusedWithoutSendingAnything() throws Exception {
        try (FakeControlListener manager = FakeControlListener.start(dir.resolve("2025"), SocketManagerClientTest::seed);
                SocketManagerClient client = new SocketManagerClient(manager.socket, manager.socket.toString())) {

            assertThat(client.send("broadcast version\nshutdown"))
                    .isEqualTo(Answer.refused("line contains control character U+000A"));
            assertThat(manager.received).isEmpty();
        }
    }

    @Test
    void aMissingSocketIsOneClearUnreachableMessage() {
        Path socket = dir.resolve("nobody-listens");
        try (SocketManagerClient client = new SocketManagerClient(socket, socket.toString())) {

            assertThatThrownBy(() -> client.send("version"))
                    .isInstanceOf(ManagerUnreachableException.class)
                    .hasMessageStartingWith("cannot reach manager at " + socket + ": ");
        }
    }

    @Test
    void endpointsWithHostAndPortUseHttpAndPathsUseTheSocket() {
        assertThat(ManagerClient.forEndpoint("/tmp/2025")).isInstanceOf(SocketManagerClient.class);
        assertThat(ManagerClient.forEndpoint("localhost:2025")).isInstanceOf(HttpManagerClient.class);
        assertThat(ManagerClient.forEndpoint("http://10.0.0.1:2025")).isInstanceOf(HttpManagerClient.class);
        assertThat(ManagerClient.forEndpoint("run/eccmgr.sock")).isInstanceOf(SocketManagerClient.class);
    }
}
