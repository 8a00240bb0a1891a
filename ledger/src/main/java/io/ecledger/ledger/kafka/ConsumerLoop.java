package io.ecledger.ledger.kafka;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that owns a Kafka consumer: it opens the consumer, hands every poll to a {@link Body}
 * until {@link #stop()} or until the body throws, then closes it. {@link #start()} and
 * {@link #stop()} have the shape of Dropwizard's {@code Managed}; a stopped loop can start again.
 */
public final class ConsumerLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration CLEAN_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** What the loop does with its consumer; every method runs on the loop's thread. */
    public interface Body {

        /** Before the first poll: assign and seek, open producers. Throwing ends the loop as failed. */
        void open(Consumer<byte[], byte[]> consumer);

        /** One poll's records, possibly none. Throwing ends the loop as failed. */
        void handle(ConsumerRecords<byte[], byte[]> records, Consumer<byte[], byte[]> consumer);

        /**
         * Last on every run, before the consumer closes, even when {@link #open} never ran (the consumer could not be
         * made, or stop came first) or threw: close what open opened. {@code failure} is empty after a clean stop.
         */
        default void close(Optional<Throwable> failure) {}
    }

    private final String name;
    private final Supplier<Consumer<byte[], byte[]>> consumers;
    private final Duration pollTimeout;
    private final Body body;

    private volatile boolean running;
    private volatile Consumer<byte[], byte[]> consumer;
    private volatile Throwable failure;
    // guarded by this
    private Thread thread;
    private CompletableFuture<Void> stopped = CompletableFuture.completedFuture(null);

    /** A loop named {@code name} (its thread's name) polling a consumer from {@code consumers} every {@code pollTimeout}. */
    public ConsumerLoop(String name, Supplier<Consumer<byte[], byte[]>> consumers, Duration pollTimeout, Body body) {
        this.name = name;
        this.consumers = consumers;
        this.pollTimeout = pollTimeout;
        this.body = body;
    }

    /** Starts the thread; refused while it still runs. */
    public synchronized void start() {
        if (thread != null && thread.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        failure = null;
        running = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        stopped = done;
        thread = new Thread(() -> run(done), name);
        // a loop left running must not keep the JVM alive; its owner stops it on a clean shutdown
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks the thread to stop after the batch in hand and waits until it has closed its consumer. */
    public void stop() {
        running = false;
        Consumer<byte[], byte[]> polling = consumer;
        if (polling != null) {
            polling.wakeup();
        }
        Thread started;
        synchronized (this) {
            started = thread;
        }
        if (started != null && started != Thread.currentThread()) {
            try {
                started.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True from {@link #start()} until the thread stops or fails. */
    public boolean running() {
        return running;
    }

    /** Why the thread ended on its own, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Completes when the current run ends: normally after {@link #stop()}, exceptionally with the failure. */
    public synchronized CompletableFuture<Void> stopped() {
        return stopped.copy();
    }

    private void run(CompletableFuture<Void> done) {
        Consumer<byte[], byte[]> client = null;
        Throwable failed = null;
        try {
            client = consumers.get();
            consumer = client;
            if (!running) {
                // stop() came before the consumer existed, so its wakeup reached nobody
                return;
            }
            body.open(client);
            while (running) {
                body.handle(client.poll(pollTimeout), client);
            }
        } catch (WakeupException e) {
            if (running) {
                failed = e;
            }
        } catch (Throwable e) {
            failed = e;
        } finally {
            running = false;
            consumer = null;
            failure = failed;
            try {
                body.close(Optional.ofNullable(failed));
            } catch (Throwable e) {
                LOG.warn("{}: closing failed", name, e);
            } finally {
                try {
                    if (client != null) {
                        // after a failure, abandon the consumer as a dead process would
                        client.close(failed == null ? CLEAN_CLOSE_TIMEOUT : Duration.ZERO);
                    }
                } catch (Throwable e) {
                    LOG.warn("{}: closing the consumer failed", name, e);
                } finally {
                    if (failed == null) {
                        done.complete(null);
                    } else {
                        done.completeExceptionally(failed);
                    }
                }
            }
        }
    }
}
