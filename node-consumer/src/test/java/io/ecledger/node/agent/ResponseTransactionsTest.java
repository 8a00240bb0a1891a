package io.ecledger.node.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecledger.ledger.codec.EventCodec;
import io.ecledger.ledger.event.Events;
import io.ecledger.ledger.event.NodeResponse;
import io.ecledger.ledger.event.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ResponseTransactionsTest {

    private static final TopicPartition LEDGER = new TopicPartition("t.ledger", 0);
    private static final ConsumerGroupMetadata GROUP = new ConsumerGroupMetadata("t.node.rh52bare");

    private final MockProducer<String, NodeResponse> producer = new MockProducer<>(true, null, new StringSerializer(),
            EventCodec.RESPONSES.serializer());
    private final ResponseTransactions transactions = new ResponseTransactions(producer, "t.responses", LEDGER, "rh52bare",
            response -> {});
    private final NodeResponse response = Events.response("rh52bare", NodeStatus.OK);

    @BeforeEach
    void initialized() {
        producer.initTransactions();
    }

    // the answer to one command, committing the offset past it
    private boolean publishOne(ResponseTransactions on) {
        return on.publish(List.of(response), response.ledgerOffset() + 1, GROUP);
    }

    @Test
    void aResponseIsPublishedInTheTransactionThatCommitsTheOffsetAfterIt() {
        assertThat(publishOne(transactions)).isTrue();

        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("t.responses");
            assertThat(record.key()).isEqualTo(response.commandId().toString());
            assertThat(record.value()).isEqualTo(response);
        });
        assertThat(producer.consumerGroupOffsetsHistory())
                .containsExactly(Map.of(GROUP.groupId(), Map.of(LEDGER, new OffsetAndMetadata(response.ledgerOffset() + 1))));
    }

    @Test
    void anOffsetsOnlyCommitPublishesNothing() {
        assertThat(transactions.commitOffsets(12, GROUP)).isTrue();

        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.history()).isEmpty();
        assertThat(producer.consumerGroupOffsetsHistory())
                .containsExactly(Map.of(GROUP.groupId(), Map.of(LEDGER, new OffsetAndMetadata(12))));
    }

    @Test
    void aTimedOutCommitIsCommittedAgainNotAborted() {
        // Kafka refuses an abort after a timed-out commit: only another commit may follow it
        MockProducer<String, NodeResponse> timingOutOnce = new MockProducer<>(true, null, new StringSerializer(),
                EventCodec.RESPONSES.serializer()) {
            private boolean timedOut;

            @Override
            public synchronized void commitTransaction() {
                if (!timedOut) {
                    timedOut = true;
                    throw new TimeoutException("Timeout expired after 60000ms while awaiting EndTxn(true)");
                }
                super.commitTransaction();
            }
        };
        timingOutOnce.initTransactions();
        ResponseTransactions retrying = new ResponseTransactions(timingOutOnce, "t.responses", LEDGER, "rh52bare",
                r -> {});

        assertThat(publishOne(retrying)).isTrue();

        assertThat(timingOutOnce.transactionAborted()).isFalse();
        assertThat(timingOutOnce.commitCount()).isEqualTo(1);
        assertThat(timingOutOnce.history()).containsExactly(
                new ProducerRecord<>("t.responses", response.commandId().toString(), response));
    }

    @Test
    void theAnswersToOnePollShareOneTransactionThatCommitsTheOffsetPastTheLastRecordRead() {
        NodeResponse second = Events.response("rh52bare", NodeStatus.ERROR);

        assertThat(transactions.publish(List.of(response, second), 42, GROUP)).isTrue();

        assertThat(producer.commitCount()).isEqualTo(1);
        assertThat(producer.history()).extracting(ProducerRecord::value).containsExactly(response, second);
        assertThat(producer.consumerGroupOffsetsHistory())
                .containsExactly(Map.of(GROUP.groupId(), Map.of(LEDGER, new OffsetAndMetadata(42))));
    }

    @Test
    void aTransactionWithoutAnswersIsRefusedBeforeItBegins() {
        assertThatThrownBy(() -> transactions.publish(List.of(), 42, GROUP))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a response transaction needs at least one answer");
        assertThat(producer.transactionInFlight()).isFalse();
    }

    @Test
    void aCommitThatKeepsTimingOutStopsTheAgentWithoutAnAbort() {
        producer.commitTransactionException = new TimeoutException("Timeout expired after 60000ms while awaiting EndTxn(true)");

        assertThatThrownBy(() -> publishOne(transactions)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("timed out 5 time(s)").hasMessageContaining("the agent stops");
        assertThat(producer.transactionAborted()).isFalse();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aFailedCommitAbortsTheTransactionAndPublishesNothing() {
        producer.commitTransactionException = new KafkaException("coordinator moved");

        assertThat(publishOne(transactions)).isFalse();

        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.history()).isEmpty();
        assertThat(producer.consumerGroupOffsetsHistory()).isEmpty();
    }

    @Test
    void aFailedOffsetSendAbortsAnOffsetsOnlyCommitToo() {
        producer.sendOffsetsToTransactionException = new KafkaException("coordinator moved");

        assertThat(transactions.commitOffsets(12, GROUP)).isFalse();

        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.consumerGroupOffsetsHistory()).isEmpty();
    }

    @Test
    void theProducerIsUsableAgainAfterAnAbort() {
        producer.commitTransactionException = new KafkaException("coordinator moved");
        publishOne(transactions);
        producer.commitTransactionException = null;

        assertThat(publishOne(transactions)).isTrue();
        assertThat(producer.history()).hasSize(1);
    }

    static Stream<KafkaException> fatal() {
        return Stream.of(new ProducerFencedException("a newer incarnation took over"),
                new InvalidProducerEpochException("stale epoch"), new OutOfOrderSequenceException("sequence gap"),
                new TransactionalIdAuthorizationException("not allowed"), new UnsupportedVersionException("old broker"));
    }

    @ParameterizedTest
    @MethodSource("fatal")
    void errorsAfterWhichTheProducerCannotCommitAgainAreRethrownWithoutAborting(KafkaException error) {
        producer.commitTransactionException = error;

        assertThatThrownBy(() -> publishOne(transactions)).isSameAs(error);
        assertThat(producer.transactionAborted()).isFalse();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aFatalErrorOfAnOffsetsOnlyCommitIsRethrownToo() {
        producer.sendOffsetsToTransactionException = new ProducerFencedException("a newer incarnation took over");

        assertThatThrownBy(() -> transactions.commitOffsets(12, GROUP)).isInstanceOf(ProducerFencedException.class);
        assertThat(producer.transactionAborted()).isFalse();
    }

    @Test
    void theHookRunsAfterTheSendAndBeforeTheCommitAndAThrowLeavesNothingCommitted() {
        List<Integer> uncommittedAtHook = new ArrayList<>();
        ResponseTransactions crashing = new ResponseTransactions(producer, "t.responses", LEDGER, "rh52bare", r -> {
            uncommittedAtHook.add(producer.uncommittedRecords().size());
            throw new IllegalStateException("simulated crash before commit");
        });

        assertThatThrownBy(() -> publishOne(crashing)).hasMessage("simulated crash before commit");

        assertThat(uncommittedAtHook).containsExactly(1);
        assertThat(producer.transactionInFlight()).isTrue();
        assertThat(producer.history()).isEmpty();
        assertThat(producer.consumerGroupOffsetsHistory()).isEmpty();
    }
}
