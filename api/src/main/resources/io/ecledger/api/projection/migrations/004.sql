-- Version 4: node keys. Each node signs its responses and membership records with its own key;
-- the views keep only what a key the ledger accepted for that node signed. Rebuilt from the topics
-- like every view row: announcements make keys pending, NodeKeyDecided events accept or reject them.
CREATE TABLE node_key (
    node            VARCHAR(255)             NOT NULL,
    fingerprint     VARCHAR(64)              NOT NULL,
    public_key      VARCHAR(255)             NOT NULL,
    -- PENDING, ACCEPTED or REJECTED
    state           VARCHAR(16)              NOT NULL,
    first_seen      TIMESTAMP WITH TIME ZONE,
    decided_by      VARCHAR(255),
    decided_at      TIMESTAMP WITH TIME ZONE,
    decision_offset BIGINT,
    PRIMARY KEY (node, fingerprint)
);

-- responses and membership records not signed by their node's accepted key: never in a view,
-- re-checked whenever that node's keys change (so an accepted key lets its earlier records in)
CREATE TABLE quarantined_record (
    topic           VARCHAR(255)             NOT NULL,
    partition_no    INT                      NOT NULL,
    record_offset   BIGINT                   NOT NULL,
    -- RESPONSE or MEMBERSHIP
    kind            VARCHAR(16)              NOT NULL,
    node            VARCHAR(255)             NOT NULL,
    command_id      UUID,
    -- what the record claimed about the node
    subcluster      VARCHAR(255)             NOT NULL,
    host            VARCHAR(255),
    key_fingerprint VARCHAR(64)              NOT NULL,
    reason          CHARACTER VARYING        NOT NULL,
    status          VARCHAR(32),
    output          CHARACTER LARGE OBJECT,
    seen_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    record_bytes    BINARY LARGE OBJECT      NOT NULL,
    PRIMARY KEY (topic, partition_no, record_offset)
);
CREATE INDEX quarantined_record_by_node ON quarantined_record (node);
CREATE INDEX quarantined_record_by_command ON quarantined_record (command_id);

-- which key signed a kept response and what it was, so a later rejection of that key can take it out again
ALTER TABLE node_response ADD COLUMN key_fingerprint VARCHAR(64) DEFAULT '' NOT NULL;
ALTER TABLE node_response ADD COLUMN source_topic VARCHAR(255) DEFAULT '' NOT NULL;
ALTER TABLE node_response ADD COLUMN source_partition INT DEFAULT 0 NOT NULL;
ALTER TABLE node_response ADD COLUMN source_offset BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE node_response ADD COLUMN record_bytes BINARY LARGE OBJECT;
ALTER TABLE cluster_member ADD COLUMN key_fingerprint VARCHAR(64) DEFAULT '' NOT NULL;

-- keys placed in advance, as Salt preseeds minion keys: accepted without a decision on the ledger.
-- Not a view (nothing to rebuild from); a rebuild keeps them, as it keeps chain checkpoints.
CREATE TABLE preseeded_node_key (
    node        VARCHAR(255) NOT NULL,
    fingerprint VARCHAR(64)  NOT NULL,
    public_key  VARCHAR(255) NOT NULL,
    PRIMARY KEY (node, fingerprint)
);
