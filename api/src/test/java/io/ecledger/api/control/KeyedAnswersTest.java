package io.ecledger.api.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class KeyedAnswersTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger runs = new AtomicInteger();
    private final KeyedAnswers answers = new KeyedAnswers(3, Duration.ofMinutes(10), now::get);

    private Supplier<byte[]> run(String answer) {
        return () -> {
            runs.incrementAndGet();
            return answer.getBytes(StandardCharsets.UTF_8);
        };
    }

    private static Supplier<byte[]> mismatch() {
        return () -> "mismatch".getBytes(StandardCharsets.UTF_8);
    }

    private String answer(String actor, String key, String line, String fresh) {
        return new String(answers.answer(actor, key, line, run(fresh), mismatch()), StandardCharsets.UTF_8);
    }

    @Test
    void aLineSentAgainWithItsKeyGetsTheFirstAnswerWithoutRunningAgain() {
        assertThat(answer("alice", "k1", "broadcast version", "first")).isEqualTo("first");
        assertThat(answer("alice", "k1", "broadcast version", "second")).isEqualTo("first");
        assertThat(runs).hasValue(1);
    }

    @Test
    void theSameKeyFromAnotherActorIsAnotherLine() {
        answer("alice", "k1", "broadcast version", "alice's");
        assertThat(answer("mallory", "k1", "broadcast version", "mallory's")).isEqualTo("mallory's");
        assertThat(runs).hasValue(2);
    }

    @Test
    void aKeyReusedForAnotherLineIsTheMismatchAnswerAndDoesNotRun() {
        answer("alice", "k1", "broadcast version", "first");
        assertThat(answer("alice", "k1", "broadcast shutdown", "second")).isEqualTo("mismatch");
        assertThat(runs).hasValue(1);
    }

    @Test
    void aKeyIsForgottenAfterTheWindowAndTheOldestPastTheCapacity() {
        answer("alice", "old", "version", "old");
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        assertThat(answer("alice", "old", "version", "again")).isEqualTo("again");

        for (String key : new String[] {"a", "b", "c"}) {
            answer("alice", key, "version", key);
        }
        assertThat(answers.size()).isEqualTo(3);
        assertThat(answer("alice", "old", "version", "third time")).as("evicted as the oldest").isEqualTo("third time");
    }

    @Test
    void aResendWhileTheFirstAnswerIsInFlightWaitsForItInsteadOfRunning() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<byte[]> first = CompletableFuture.supplyAsync(() -> answers.answer("alice", "k", "replay 1..9",
                () -> {
                    runs.incrementAndGet();
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "slow".getBytes(StandardCharsets.UTF_8);
                }, mismatch()));
        started.await();

        CompletableFuture<String> resent = CompletableFuture.supplyAsync(() -> answer("alice", "k", "replay 1..9", "twice"));
        assertThat(resent).isNotDone();
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(resent).isCompletedWithValue("slow"));
        assertThat(first.get()).asString(StandardCharsets.UTF_8).isEqualTo("slow");
        assertThat(runs).hasValue(1);
    }
}
