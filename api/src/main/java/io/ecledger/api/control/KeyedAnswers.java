package io.ecledger.api.control;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The answers to lines that carried an idempotency key, so that a line the console sends again after a dropped
 * connection is answered with the first issue's answer instead of running twice.
 *
 * <p>Bounded (the oldest key goes first) and time-limited (a key is forgotten after the window); keys are scoped by
 * actor, so one OS user can neither see nor pre-empt another's answers by guessing a key. A second line with a key
 * whose first answer is still being computed waits for that answer.
 */
final class KeyedAnswers {

    private record Key(String actor, String key) {}

    private record Entry(String line, long createdAt, CompletableFuture<byte[]> answer) {}

    private final Map<Key, Entry> entries = new LinkedHashMap<>();
    private final int capacity;
    private final long windowNanos;
    private final LongSupplier nanoTime;

    KeyedAnswers(int capacity, Duration window, LongSupplier nanoTime) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " must be at least 1");
        }
        this.capacity = capacity;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /**
     * The answer to {@code line} sent by {@code actor} with {@code key}: computed now by {@code compute} the first
     * time, the first answer afterwards within the window; {@code mismatch} when the key was used for another line.
     */
    byte[] answer(String actor, String key, String line, Supplier<byte[]> compute, Supplier<byte[]> mismatch) {
        Key id = new Key(actor, key);
        Entry first;
        Entry mine = new Entry(line, nanoTime.getAsLong(), new CompletableFuture<>());
        synchronized (this) {
            forgetExpired(mine.createdAt());
            first = entries.get(id);
            if (first == null) {
                entries.put(id, mine);
                while (entries.size() > capacity) {
                    Iterator<Entry> oldest = entries.values().iterator();
                    oldest.next();
                    oldest.remove();
                }
            }
        }
        if (first != null) {
            return first.line().equals(line) ? first.answer().join() : mismatch.get();
        }
        try {
            byte[] answer = compute.get();
            mine.answer().complete(answer);
            return answer;
        } catch (RuntimeException | Error e) {
            // nothing to hand a resend: let it run as a first issue
            synchronized (this) {
                entries.remove(id, mine);
            }
            mine.answer().completeExceptionally(e);
            throw e;
        }
    }

    synchronized int size() {
        return entries.size();
    }

    private void forgetExpired(long now) {
        Iterator<Entry> oldestFirst = entries.values().iterator();
        while (oldestFirst.hasNext()) {
            Entry entry = oldestFirst.next();
            if (now - entry.createdAt() <= windowNanos || !entry.answer().isDone()) {
                // insertion order is creation order: the rest are younger (an answer in flight is kept until done)
                return;
            }
            oldestFirst.remove();
        }
    }
}
