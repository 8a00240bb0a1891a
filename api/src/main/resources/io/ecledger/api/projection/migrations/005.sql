-- Version 5: the projection follows only the manager's ledger events. Where it stands in the manager's chain
-- (the last ledger event it accepted, the key the next one must be signed by) is stored with each batch, so a
-- restart goes on from the stored offsets with the same rule; a rebuild drops it and starts from the oldest key.
CREATE TABLE ledger_trail (
    id          INT                 NOT NULL PRIMARY KEY,
    last_offset BIGINT              NOT NULL,
    last_hash   BINARY(32)          NOT NULL,
    -- the manager key the next ledger event must be signed by, base64 X.509
    public_key  VARCHAR(255)        NOT NULL,
    -- once a signed event was accepted, unsigned ones are refused (before it: an old ledger from before signing)
    signed_seen BOOLEAN             NOT NULL
);

-- ledger records that are not the manager's (kind LEDGER) are quarantined too: they name no node
ALTER TABLE quarantined_record ALTER COLUMN node SET NULL;
ALTER TABLE quarantined_record ALTER COLUMN subcluster SET NULL;
-- garbage claims no time
ALTER TABLE quarantined_record ALTER COLUMN seen_at SET NULL;
