package io.ecledger.api.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.NodeResult;
import io.ecledger.ledger.command.Target;
import io.ecledger.ledger.event.NodeStatus;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.jersey.media.sse.OutboundEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The streams' rules on a sink that keeps what it was sent: keep-alives while silent, none once ended. */
class FollowersTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    private static final UUID ID = UUID.randomUUID();

    private final AtomicReference<NodeResult> node = new AtomicReference<>(
            new NodeResult("rh52bare", "east", NodeResult.State.PENDING, Optional.empty(), Optional.empty(),
                    Optional.empty()));
    private final Followers followers = new Followers((id, now) -> Optional.of(command()),
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(20));
    private final RecordingSink sink = new RecordingSink();

    private CommandResults command() {
        // a deadline an hour away: only the answer ends the stream
        return new CommandResults(ID, 7, new Target.Broadcast(), "version", "alice", NOW, NOW.plusSeconds(3600),
                List.of(node.get()));
    }

    @AfterEach
    void stop() throws InterruptedException {
        followers.stop();
    }

    /** Keeps every event sent to it, as a connected client would receive them. */
    private static final class RecordingSink implements SseEventSink {
        final List<OutboundSseEvent> sent = new CopyOnWriteArrayList<>();
        private volatile boolean closed;

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            sent.add(event);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            closed = true;
        }

        long comments() {
            return sent.stream().filter(event -> event.getName() == null && event.getComment() != null).count();
        }

        List<String> names() {
            return sent.stream().map(OutboundSseEvent::getName).filter(name -> name != null).toList();
        }
    }

    /** Jersey's own event builder; a follower never broadcasts. */
    private static final Sse SSE = new Sse() {
        @Override
        public OutboundSseEvent.Builder newEventBuilder() {
            return new OutboundEvent.Builder();
        }

        @Override
        public SseBroadcaster newBroadcaster() {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void aSilentStreamGetsKeepAliveCommentsAndNoneOnceTheAnswerEndedIt() {
        followers.follow(command(), sink, SSE);

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.comments() >= 2);
        assertThat(sink.names()).containsExactly("node");
        node.set(new NodeResult("rh52bare", "east", NodeResult.State.ANSWERED, Optional.of(NodeStatus.OK),
                Optional.of("ecelerity"), Optional.of(NOW)));
        followers.applied(Set.of(ID));

        await().atMost(Duration.ofSeconds(10)).until(sink::isClosed);
        assertThat(sink.names()).containsExactly("node", "node", "done");
        long comments = sink.comments();
        await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        assertThat(sink.comments()).as("no keep-alive after the end").isEqualTo(comments);
        assertThat(followers.open()).isZero();
    }

    @Test
    void answersToOtherCommandsTellThisStreamNothing() {
        followers.follow(command(), sink, SSE);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.names().size() == 1);

        followers.applied(Set.of(UUID.randomUUID()));

        await().pollDelay(Duration.ofMillis(100)).until(() -> true);
        assertThat(sink.names()).containsExactly("node");
        assertThat(followers.open()).isEqualTo(1);
    }
}
