package io.ecledger.api.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The frames a followed command becomes on a control session. */
class SocketFollowTest {

    private final SocketFollow follow = new SocketFollow(new ObjectMapper());

    private String next() throws InterruptedException {
        return new String(follow.next(), StandardCharsets.UTF_8);
    }

    @Test
    void eachEventIsAnEventFrameAndDoneIsTheLastFrameAsOk() throws Exception {
        // sorted, so the JSON's field order is known
        follow.send(1, "node", new TreeMap<>(Map.of("node", "rh52bare", "state", "RUNNING")));
        follow.keepAlive();
        follow.send(2, "done", Map.of("expected", 1));
        follow.send(3, "node", Map.of("node", "late"));

        assertThat(next()).isEqualTo("{\"id\":1,\"event\":\"node\",\"data\":{\"node\":\"rh52bare\",\"state\":\"RUNNING\"}}"
                + "\0EVENT\n");
        assertThat(next()).isEqualTo("{\"id\":0,\"event\":\"keep-alive\",\"data\":null}\0EVENT\n");
        assertThat(follow.ended()).isFalse();
        assertThat(next()).isEqualTo("{\"id\":2,\"event\":\"done\",\"data\":{\"expected\":1}}\0OK\n");
        assertThat(follow.ended()).isTrue();
        assertThat(follow.isClosed()).as("nothing is told after done").isTrue();
    }

    @Test
    void aStreamEndedWithoutDoneEndsWithWhyAsRefused() throws Exception {
        follow.send(1, "node", Map.of("node", "rh52bare"));
        follow.close();

        assertThat(next()).endsWith("\0EVENT\n");
        assertThat(next()).isEqualTo("the stream ended before every node was done: the command is no longer in the "
                + "views, or the manager is stopping\0REFUSED\n");
        assertThat(follow.ended()).isTrue();
    }

    @Test
    void aClientThatDoesNotReadIsCutOffInsteadOfHeldInMemory() throws Exception {
        for (int id = 1; id <= SocketFollow.MAX_QUEUED + 5; id++) {
            follow.send(id, "node", Map.of("n", id));
        }

        assertThat(follow.isClosed()).isTrue();
        String frame;
        int events = 0;
        while ((frame = next()).endsWith("\0EVENT\n")) {
            events++;
        }
        assertThat(events).isEqualTo(SocketFollow.MAX_QUEUED);
        assertThat(frame).isEqualTo("the stream ended: more than " + SocketFollow.MAX_QUEUED
                + " events were waiting for the client to read them\0REFUSED\n");
    }
}
