-- Version 2: every ConfigChanged, in ledger order. The manager's configuration is the base
-- eccluster.conf with these folded over it, so they are kept, never overwritten.
CREATE TABLE config_change (
    ledger_offset BIGINT                   NOT NULL PRIMARY KEY,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(255)             NOT NULL,
    origin        VARCHAR(32)              NOT NULL,
    action        VARCHAR(8)               NOT NULL,
    -- the scope path as JSON-free text: one line per step, "name" or "name\tinstance"
    scope_path    CHARACTER VARYING        NOT NULL,
    option_name   VARCHAR(255)             NOT NULL,
    option_value  CHARACTER VARYING
);
