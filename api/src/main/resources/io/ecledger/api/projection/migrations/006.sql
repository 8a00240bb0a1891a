-- Version 6: what the command policy refused and which policy was in force. Both are views of the manager's
-- ledger events (CommandDenied, PolicyLoaded), rebuilt from the ledger like every other view row.

-- every CommandDenied: a command never run; the line and rule as the policy saw them
CREATE TABLE denied_command (
    ledger_offset BIGINT                   NOT NULL PRIMARY KEY,
    denied_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(255)             NOT NULL,
    origin        VARCHAR(32)              NOT NULL,
    line          CHARACTER VARYING        NOT NULL,
    rule          CHARACTER VARYING        NOT NULL,
    reason        CHARACTER VARYING        NOT NULL
);
CREATE INDEX denied_command_by_actor ON denied_command (actor, ledger_offset);

-- every PolicyLoaded: the policy in force at offset N is the last row at or before N
CREATE TABLE policy_load (
    ledger_offset BIGINT                   NOT NULL PRIMARY KEY,
    loaded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    sha256        VARCHAR(64)              NOT NULL,
    policy_text   CHARACTER LARGE OBJECT   NOT NULL,
    source        CHARACTER VARYING        NOT NULL,
    actor         VARCHAR(255)             NOT NULL,
    origin        VARCHAR(32)              NOT NULL
);
