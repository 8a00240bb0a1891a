package io.ecledger.api.projection;

import io.ecledger.ledger.codec.UndecodableRecordException;
import io.ecledger.ledger.kafka.SkippedRecord;
import io.ecledger.ledger.kafka.SkippedRecords;
import io.ecledger.ledger.kafka.TopicLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one polled batch and writes its view rows together with where each partition now stands, in one
 * transaction. Knows no thread and no consumer: records and positions in, rows and skipped-record reports out.
 */
final class BatchApplier {

    private static final Logger LOG = LoggerFactory.getLogger(BatchApplier.class);

    private final Jdbi jdbi;
    private final TopicLayout layout;
    private final SkippedRecords skipped;
    private final ManagerEvents manager;
    private final SignaturePrefetch signatures;
    // the consuming thread's connection between open() and close(): a connection per batch costs a pool checkout,
    // and without a pool H2 closes and reopens (and compacts) its file each time
    private Handle handle;
    // between open() and close(): a batch takes a connection again if release() dropped it
    private boolean holding;

    BatchApplier(Jdbi jdbi, TopicLayout layout, SkippedRecords skipped, ManagerEvents manager) {
        this.jdbi = jdbi;
        this.layout = layout;
        this.skipped = skipped;
        this.manager = manager;
        this.signatures = new SignaturePrefetch(jdbi);
    }

    /** Holds one connection for the batches to come, until {@link #close()}; called on the consuming thread. */
    void open() {
        close();
        holding = true;
        handle = jdbi.open();
    }

    /** Lets go of the connection {@link #open()} took, if any. */
    void close() {
        holding = false;
        release();
    }

    /**
     * Drops the connection held, keeping on holding one: the next batch takes a new one. After a failed write H2 may
     * have closed its database under the old one, and a new connection opens it again.
     */
    void release() {
        if (handle != null) {
            Handle held = handle;
            handle = null;
            try {
                held.close();
            } catch (JdbiException e) {
                // a connection to a database H2 closed after a failed write: nothing left to let go of
                LOG.debug("closing the projection's connection failed: {}", e.toString());
            }
        }
    }

    /**
     * What one batch did: the records projected per topic, whether anything was written at all, and the commands
     * that batch brought answers to.
     */
    record Applied(Map<String, Long> projected, boolean written, Set<UUID> answered) {

        Applied {
            projected = Map.copyOf(projected);
            answered = Set.copyOf(answered);
        }

        /** How many records were projected. */
        long count() {
            return projected.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Applies {@code records} and stores, for each partition whose position differs from {@code applied}, its
     * position in {@code positions}: the consumer's positions after the poll, not the records' offsets, so they also
     * step over transaction markers and compacted gaps. A tombstone, or a record no codec reads, is
     * reported as skipped once the transaction holds, and its offset moves on like any other.
     */
    Applied apply(Iterable<ConsumerRecord<byte[], byte[]>> records, Map<TopicPartition, Long> positions,
                  Map<TopicPartition, Long> applied) {
        List<ProjectedRecord> batch = new ArrayList<>();
        List<SkippedRecord> undecodable = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.value() == null) {
                // nothing to project; and no writer of ours sends a tombstone to any topic (an agent leaving says
                // NodeLeft), so it is someone else's, reported as garbage is
                undecodable.add(new SkippedRecord(record.topic(), record.partition(), record.offset(),
                        "no value (a tombstone): not a record of ours"));
                continue;
            }
            try {
                if (record.topic().equals(layout.ledger())) {
                    ledgerRecord(record, batch, undecodable);
                } else {
                    batch.add(ProjectedRecord.decode(record, layout));
                }
            } catch (UndecodableRecordException e) {
                // a name that breaks the rule would stop the views at a column's width: quarantined, listed, passed
                Optional<ProjectedRecord> misnamed = ProjectedRecord.misnamed(record, layout, e);
                if (misnamed.isPresent()) {
                    batch.add(misnamed.get());
                } else {
                    undecodable.add(new SkippedRecord(record.topic(), record.partition(), record.offset(), e.getMessage()));
                }
            }
        }
        List<ConsumedOffset> moved = new ArrayList<>();
        positions.forEach((tp, next) -> {
            if (!next.equals(applied.get(tp))) {
                moved.add(new ConsumedOffset(tp.topic(), tp.partition(), next));
            }
        });
        Map<String, Long> projected = new HashMap<>();
        Set<UUID> answered = new HashSet<>();
        for (ProjectedRecord record : batch) {
            if (record instanceof ProjectedRecord.ResponseRecord response) {
                answered.add(response.response().commandId());
            }
            // garbage counts as skipped, as it did before ledger records were checked
            if (!(record instanceof ProjectedRecord.RefusedLedgerRecord refused && refused.event().isEmpty())) {
                projected.merge(topicOf(record), 1L, Long::sum);
            }
        }
        if (batch.isEmpty() && moved.isEmpty()) {
            return new Applied(projected, false, Set.of());
        }
        signatures.prefetch(batch);
        Optional<TrailRow> trail = manager.state();
        if (holding && handle == null) {
            handle = jdbi.open();
        }
        if (handle != null) {
            handle.attach(ProjectionDao.class).apply(batch, moved, trail);
        } else {
            jdbi.useExtension(ProjectionDao.class, dao -> dao.apply(batch, moved, trail));
        }
        undecodable.forEach(skipped::report);
        return new Applied(projected, true, answered);
    }

    // only the manager's events reach the views; the others are quarantined with the reason, garbage reported too
    private void ledgerRecord(ConsumerRecord<byte[], byte[]> record, List<ProjectedRecord> batch,
            List<SkippedRecord> undecodable) throws UndecodableRecordException {
        ProjectedRecord projected = manager.project(record);
        batch.add(projected);
        if (projected instanceof ProjectedRecord.RefusedLedgerRecord refused && refused.event().isEmpty()) {
            undecodable.add(new SkippedRecord(record.topic(), record.partition(), record.offset(), refused.reason()));
        }
    }

    private String topicOf(ProjectedRecord record) {
        if (record instanceof ProjectedRecord.LedgerRecord || record instanceof ProjectedRecord.RefusedLedgerRecord) {
            return layout.ledger();
        } else if (record instanceof ProjectedRecord.ResponseRecord) {
            return layout.responses();
        } else if (record instanceof ProjectedRecord.MembershipRecord) {
            return layout.membership();
        } else if (record instanceof ProjectedRecord.MisnamedRecord misnamed) {
            return misnamed.source().topic();
        }
        throw new AssertionError("unmapped record " + record);
    }
}
