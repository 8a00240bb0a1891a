-- Verified points of the ledger's hash chain: a later verify can start after one.
-- Not a view of the ledger (nothing to rebuild): an audit anchor the manager records as it verifies.
CREATE TABLE chain_checkpoint (
    ledger_offset BIGINT                   NOT NULL PRIMARY KEY,
    hash          VARCHAR(64)              NOT NULL,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
