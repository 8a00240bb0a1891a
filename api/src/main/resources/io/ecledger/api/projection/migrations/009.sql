-- Version 9: rollouts, cancels and how far each node got. A command may go out in batches (a rollout): batch 0
-- with the command itself, each later one with a BatchReleased event; every node belongs to one batch, and each
-- batch has its own deadlines. A node says DELIVERED or RUNNING before it answers, when a command takes a while, and
-- sends the output of an answer past its inline cap in parts.
ALTER TABLE issued_command ADD COLUMN deliver_by TIMESTAMP WITH TIME ZONE;
ALTER TABLE issued_command ADD COLUMN rollout CHARACTER VARYING;
ALTER TABLE issued_command ADD COLUMN batch_size INT;
ALTER TABLE issued_command ADD COLUMN batch_wait_ms BIGINT;
ALTER TABLE issued_command ADD COLUMN max_errors INT;
ALTER TABLE issued_command ADD COLUMN rerun_of UUID;

ALTER TABLE expected_node ADD COLUMN batch INT NOT NULL DEFAULT 0;

-- one row per batch released: batch 0 with its command, the others with their BatchReleased
CREATE TABLE command_batch (
    command_id    UUID                     NOT NULL,
    batch         INT                      NOT NULL,
    ledger_offset BIGINT                   NOT NULL,
    released_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(255)             NOT NULL,
    origin        VARCHAR(32)              NOT NULL,
    deliver_by    TIMESTAMP WITH TIME ZONE NOT NULL,
    deadline      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (command_id, batch)
);
-- history show finds a release by its own offset
CREATE UNIQUE INDEX command_batch_by_offset ON command_batch (ledger_offset);
INSERT INTO command_batch (command_id, batch, ledger_offset, released_at, actor, origin, deliver_by, deadline)
    SELECT command_id, 0, ledger_offset, issued_at, actor, origin, deadline, deadline FROM issued_command;

-- the first cancel of each command
CREATE TABLE command_cancel (
    command_id    UUID                     NOT NULL PRIMARY KEY,
    ledger_offset BIGINT                   NOT NULL,
    cancelled_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(255)             NOT NULL,
    origin        VARCHAR(32)              NOT NULL,
    reason        CHARACTER VARYING        NOT NULL
);
CREATE UNIQUE INDEX command_cancel_by_offset ON command_cancel (ledger_offset);

-- an answer's output past what its node carries inline comes in parts after it, kept here in order
ALTER TABLE node_response ADD COLUMN output_parts INT NOT NULL DEFAULT 0;
CREATE TABLE node_output_part (
    command_id UUID                   NOT NULL,
    node       VARCHAR(255)           NOT NULL,
    part       INT                    NOT NULL,
    output     CHARACTER LARGE OBJECT NOT NULL,
    PRIMARY KEY (command_id, node, part)
);

-- the furthest word of progress (DELIVERED, then RUNNING) each node said about each command before its answer
CREATE TABLE node_progress (
    command_id UUID                     NOT NULL,
    node       VARCHAR(255)             NOT NULL,
    status     VARCHAR(16)              NOT NULL,
    said_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (command_id, node)
);
