package io.ecledger.api.audit;

import io.ecledger.ledger.chain.Checkpoint;
import io.ecledger.ledger.event.Hash;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The chain checkpoints the manager has recorded. */
@RegisterConstructorMapper(CheckpointDao.CheckpointRow.class)
public interface CheckpointDao {

    /** One stored checkpoint. */
    record CheckpointRow(long ledgerOffset, String hash, Instant recordedAt) {
        Checkpoint checkpoint() {
            return new Checkpoint(ledgerOffset, Hash.of(HexFormat.of().parseHex(hash)));
        }
    }

    @SqlUpdate("""
            MERGE INTO chain_checkpoint (ledger_offset, hash, recorded_at)
            KEY (ledger_offset) VALUES (:offset, :hash, :at)""")
    void record(@Bind("offset") long offset, @Bind("hash") String hash, @Bind("at") Instant at);

    @SqlQuery("""
            SELECT ledger_offset, hash, recorded_at FROM chain_checkpoint
            ORDER BY ledger_offset DESC LIMIT :limit""")
    List<CheckpointRow> newest(@Bind("limit") int limit);

    /** Drops checkpoints at {@code offset} and after: a checkpoint must never sit past a break found later. */
    @SqlUpdate("DELETE FROM chain_checkpoint WHERE ledger_offset >= :offset")
    int forgetFrom(@Bind("offset") long offset);

    default void record(Checkpoint checkpoint, Instant at) {
        record(checkpoint.offset(), checkpoint.hash().hex(), at);
    }

    default Optional<Checkpoint> latest() {
        return newest(1).stream().findFirst().map(CheckpointRow::checkpoint);
    }

    default List<Checkpoint> recent(int limit) {
        return newest(limit).stream().map(CheckpointRow::checkpoint).collect(Collectors.toList());
    }
}
