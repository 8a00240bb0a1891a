package io.ecledger.ledger.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionScanTest {

    private static final TopicPartition LEDGER = new TopicPartition("t.ledger", 0);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final PartitionScan scan = new PartitionScan(() -> consumer, Duration.ofMillis(300));

    @Test
    void readsFromTheGivenOffsetToTheEndItHadWhenTheScanBegan() {
        partition(LEDGER, 0, 5);
        consumer.schedulePollTask(() -> {
            for (long offset = 0; offset < 5; offset++) {
                consumer.addRecord(record(LEDGER, offset));
            }
            // written after the scan began: not part of it
            consumer.addRecord(record(LEDGER, 5));
        });

        List<Long> seen = new ArrayList<>();
        PartitionScan.Range range = scan.scan(LEDGER, 2, (records, r) -> {
            records.forEach(record -> seen.add(record.offset()));
            return true;
        });

        assertThat(range).isEqualTo(new PartitionScan.Range(2, 5));
        assertThat(seen).containsExactly(2L, 3L, 4L);
    }

    @Test
    void anUntilBeforeTheEndStopsThere() {
        partition(LEDGER, 0, 5);
        consumer.schedulePollTask(() -> {
            for (long offset = 0; offset < 5; offset++) {
                consumer.addRecord(record(LEDGER, offset));
            }
        });

        List<Long> seen = new ArrayList<>();
        PartitionScan.Range range = scan.scan(LEDGER, 0, 3, (records, r) -> {
            records.forEach(record -> seen.add(record.offset()));
            return true;
        });

        assertThat(range.size()).isEqualTo(3);
        assertThat(seen).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aStartBeforeTheFirstKeptRecordBeginsAtTheFirstKeptRecord() {
        partition(LEDGER, 3, 3);

        List<PartitionScan.Range> started = new ArrayList<>();
        PartitionScan.Range range = scan.scan(LEDGER, 0, new PartitionScan.Batches() {
            @Override
            public void start(PartitionScan.Range r) {
                started.add(r);
            }

            @Override
            public boolean accept(List<ConsumerRecord<byte[], byte[]>> records, PartitionScan.Range r) {
                throw new AssertionError("an empty range has no records");
            }
        });

        assertThat(started).containsExactly(new PartitionScan.Range(3, 3));
        assertThat(range.size()).isZero();
    }

    @Test
    void aBatchThatSaysStopEndsTheScan() {
        partition(LEDGER, 0, 4);
        consumer.schedulePollTask(() -> consumer.addRecord(record(LEDGER, 0)));
        consumer.schedulePollTask(() -> consumer.addRecord(record(LEDGER, 1)));

        List<Long> seen = new ArrayList<>();
        scan.scan(LEDGER, 0, (records, r) -> {
            records.forEach(record -> seen.add(record.offset()));
            return false;
        });

        assertThat(seen).containsExactly(0L);
    }

    @Test
    void aPartitionThatStopsDeliveringIsReportedUnavailableWithTheOffsetItStoppedAt() {
        partition(LEDGER, 0, 3);
        consumer.schedulePollTask(() -> consumer.addRecord(record(LEDGER, 0)));

        assertThatThrownBy(() -> scan.scan(LEDGER, 0, (records, r) -> true))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessage("reading t.ledger-0 made no progress at offset 1 for PT0.3S");
    }

    @Test
    void aTailOfOnlyTransactionMarkersEndsTheScanInsteadOfWaitingForRecords() {
        partition(LEDGER, 0, 4);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(LEDGER, 0));
            consumer.addRecord(record(LEDGER, 1));
        });
        // offsets 2 and 3 are a commit marker and an aborted record: the consumer steps over them, delivering nothing
        consumer.schedulePollTask(() -> consumer.seek(LEDGER, 4));

        List<Long> seen = new ArrayList<>();
        PartitionScan.Range range = scan.scan(LEDGER, 0, (records, r) -> {
            records.forEach(record -> seen.add(record.offset()));
            return true;
        });

        assertThat(range).isEqualTo(new PartitionScan.Range(0, 4));
        assertThat(seen).containsExactly(0L, 1L);
    }

    @Test
    void aKafkaErrorIsReportedUnavailableNamingThePartition() {
        partition(LEDGER, 0, 3);
        consumer.setPollException(new KafkaException("broker gone"));

        assertThatThrownBy(() -> scan.scan(LEDGER, 0, (records, r) -> true))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessage("cannot read t.ledger-0: broker gone");
    }

    @Test
    void readAllReadsEveryPartitionOfATopicInPartitionThenOffsetOrder() {
        TopicPartition p0 = new TopicPartition("t.responses", 0);
        TopicPartition p1 = new TopicPartition("t.responses", 1);
        consumer.updatePartitions("t.responses", List.of(
                new PartitionInfo("t.responses", 1, null, null, null),
                new PartitionInfo("t.responses", 0, null, null, null)));
        partition(p0, 0, 2);
        partition(p1, 0, 1);
        // one poll per partition, partition 0 first: each task adds to the partition then assigned
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(p0, 0));
            consumer.addRecord(record(p0, 1));
        });
        consumer.schedulePollTask(() -> consumer.addRecord(record(p1, 0)));

        List<String> seen = scan.readAll("t.responses").stream()
                .map(record -> record.partition() + ":" + record.offset()).toList();

        assertThat(seen).containsExactly("0:0", "0:1", "1:0");
    }

    private void partition(TopicPartition partition, long beginning, long end) {
        consumer.updateBeginningOffsets(Map.of(partition, beginning));
        consumer.updateEndOffsets(Map.of(partition, end));
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition partition, long offset) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, null, new byte[] {(byte) offset});
    }
}
