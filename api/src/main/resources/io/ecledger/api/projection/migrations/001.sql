-- Version 1 of the manager's projection. Every view row can be rebuilt from the topics;
-- consumed_offset is written in the same transaction as the rows it accounts for.

-- next offset to consume per topic partition (ledger, responses, membership)
CREATE TABLE consumed_offset (
    topic        VARCHAR(255) NOT NULL,
    partition_no INT          NOT NULL,
    next_offset  BIGINT       NOT NULL,
    PRIMARY KEY (topic, partition_no)
);

-- every ResultsFlushed; the n-th flush (in ledger order) starts epoch n
CREATE TABLE results_flush (
    ledger_offset BIGINT                   NOT NULL PRIMARY KEY,
    epoch         BIGINT                   NOT NULL UNIQUE,
    flushed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(255)             NOT NULL,
    origin        VARCHAR(32)              NOT NULL,
    reason        CHARACTER VARYING
);

-- every CommandIssued, with the flush epoch it was issued in
CREATE TABLE issued_command (
    command_id    UUID                     NOT NULL PRIMARY KEY,
    ledger_offset BIGINT                   NOT NULL UNIQUE,
    issued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(255)             NOT NULL,
    origin        VARCHAR(32)              NOT NULL,
    target_kind   VARCHAR(16)              NOT NULL,
    target_name   VARCHAR(255),
    command_text  CHARACTER VARYING        NOT NULL,
    deadline      TIMESTAMP WITH TIME ZONE NOT NULL,
    replay_of     BIGINT,
    flush_epoch   BIGINT                   NOT NULL
);
CREATE INDEX issued_command_by_epoch_text ON issued_command (flush_epoch, command_text);

-- the nodes a command expected to answer; subcluster from the members table when known
CREATE TABLE expected_node (
    command_id UUID         NOT NULL,
    seq        INT          NOT NULL,
    node       VARCHAR(255) NOT NULL,
    subcluster VARCHAR(255),
    PRIMARY KEY (command_id, node)
);

-- the first response of each node to each command (no foreign key: a response may be consumed before its command)
CREATE TABLE node_response (
    command_id    UUID                     NOT NULL,
    node          VARCHAR(255)             NOT NULL,
    subcluster    VARCHAR(255)             NOT NULL,
    status        VARCHAR(32)              NOT NULL,
    output        CHARACTER LARGE OBJECT   NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    ledger_offset BIGINT                   NOT NULL,
    PRIMARY KEY (command_id, node)
);

-- the latest word of each node agent
CREATE TABLE cluster_member (
    node       VARCHAR(255)             NOT NULL PRIMARY KEY,
    subcluster VARCHAR(255)             NOT NULL,
    host       VARCHAR(255)             NOT NULL,
    version    VARCHAR(255)             NOT NULL,
    last_seen  TIMESTAMP WITH TIME ZONE NOT NULL,
    has_left   BOOLEAN                  NOT NULL
);
