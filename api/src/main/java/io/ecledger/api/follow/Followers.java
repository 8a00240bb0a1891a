package io.ecledger.api.follow;

import io.dropwizard.lifecycle.Managed;
import io.ecledger.api.projection.Projection;
import io.ecledger.api.retrieve.CommandResults;
import io.ecledger.api.retrieve.Results;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands clients follow live ({@code GET /v1/commands/{id}/events}, the control socket's {@code \0follow ID}).
 * A stream is told again only when the projection applied answers to its command, and once when its deadline passes
 * (the silent nodes time out then), so nothing polls. One thread reads the views for every stream, in the order the
 * wake-ups came.
 */
public final class Followers implements Managed, Projection.AnswersApplied {

    private static final Logger LOG = LoggerFactory.getLogger(Followers.class);
    // well inside Jetty's idle timeout of 30 s
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);

    private final Lookup results;
    private final Clock clock;
    private final Duration keepAlive;
    private final ConcurrentMap<UUID, Set<CommandFollow>> following = new ConcurrentHashMap<>();
    private final ConcurrentMap<CommandFollow, ScheduledFuture<?>> keepAlives = new ConcurrentHashMap<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "command-followers");
        thread.setDaemon(true);
        return thread;
    });

    /** Where a followed command stands at a moment: the views' {@link Results#command}. */
    @FunctionalInterface
    public interface Lookup {
        Optional<CommandResults> command(UUID commandId, Instant now);
    }

    /** Followers of the commands in {@code results}, with a keep-alive comment every 10 s. */
    public Followers(Results results, Clock clock) {
        this(results::command, clock, KEEP_ALIVE);
    }

    Followers(Lookup results, Clock clock, Duration keepAlive) {
        this.results = results;
        this.clock = clock;
        this.keepAlive = keepAlive;
    }

    /** Streams {@code command}'s node states to {@code sink} as server-sent events. */
    public void follow(CommandResults command, SseEventSink sink, Sse sse) {
        follow(command, new SseFollowSink(sink, sse));
    }

    /** Tells {@code sink} {@code command}'s node states until every node is done or its deadline passed. */
    public void follow(CommandResults command, FollowSink sink) {
        CommandFollow follow = new CommandFollow(command.commandId(), sink);
        following.computeIfAbsent(command.commandId(), id -> ConcurrentHashMap.newKeySet()).add(follow);
        LOG.info("following commandId={} nodes={}", command.commandId(), command.nodes().size());
        try {
            // first, so that a stream that ends at once also stops its keep-alives
            // each beat reads the views again too: a delivery deadline passing, or a later batch's, is told by then
            keepAlives.put(follow, worker.scheduleWithFixedDelay(() -> {
                follow.keepAlive();
                tell(follow);
            }, keepAlive.toMillis(), keepAlive.toMillis(), TimeUnit.MILLISECONDS));
            // read afresh on the worker: answers applied since the caller looked it up are told in order
            worker.execute(() -> tell(follow));
            long untilDeadline = Duration.between(clock.instant(), command.deadline()).toMillis() + 1;
            worker.schedule(() -> tell(follow), Math.max(0, untilDeadline), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            forget(follow);
            follow.end();
        }
    }

    @Override
    public void applied(Set<UUID> commandIds) {
        for (UUID id : commandIds) {
            Set<CommandFollow> followers = following.get(id);
            if (followers != null) {
                for (CommandFollow follow : followers) {
                    try {
                        worker.execute(() -> tell(follow));
                    } catch (RejectedExecutionException stopping) {
                        return;
                    }
                }
            }
        }
    }

    /** How many streams are open. */
    public int open() {
        return following.values().stream().mapToInt(Set::size).sum();
    }

    private void tell(CommandFollow follow) {
        Optional<CommandResults> now;
        try {
            now = results.command(follow.commandId(), clock.instant());
        } catch (RuntimeException e) {
            // the views cannot be read (H2 trouble): the client is told nothing false, and may follow again
            LOG.warn("ending the stream of commandId={}: the views cannot be read: {}", follow.commandId(), e.toString());
            follow.end();
            forget(follow);
            return;
        }
        boolean ended;
        if (now.isPresent()) {
            ended = follow.tell(now.get());
        } else {
            // the views were rebuilt without it, or the command was never projected: nothing more will come
            follow.end();
            ended = true;
        }
        if (ended) {
            forget(follow);
        }
    }

    private void forget(CommandFollow follow) {
        ScheduledFuture<?> beats = keepAlives.remove(follow);
        if (beats != null) {
            beats.cancel(false);
        }
        following.computeIfPresent(follow.commandId(), (id, followers) -> {
            followers.remove(follow);
            return followers.isEmpty() ? null : followers;
        });
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        following.values().forEach(followers -> followers.forEach(CommandFollow::end));
        following.clear();
    }
}
