-- Version 7: an index for every hot query (HotQueryPlansTest explains each DAO statement against 100k rows).

-- each heartbeat fills in the subcluster of the commands that expected its node: without this a scan of a table
-- that grows by N rows per broadcast (history's --node filter uses it too)
CREATE INDEX expected_node_by_node ON expected_node (node);

-- a key rejected later takes out the responses it signed
CREATE INDEX node_response_by_node_key ON node_response (node, key_fingerprint);

-- the ledger-chain health check counts and shows the newest refusal by the node agents
CREATE INDEX node_response_by_status ON node_response (status, ledger_offset);

-- history show of an offset looks for a quarantined ledger record there
CREATE INDEX quarantined_record_by_kind_offset ON quarantined_record (kind, record_offset);
