-- Version 10: a node's word is kept per ledger record it names. A node answers a command at the command's own
-- offset; when it refuses a forged or copied record that claims the command's id, it says REJECTED naming that
-- record's offset instead. Both are kept, and the views take as the node's answer the one at the command's offset,
-- so a refusal that happened to come first no longer hides the answer (nor counts against an error budget).
ALTER TABLE node_response DROP PRIMARY KEY;
ALTER TABLE node_response ADD PRIMARY KEY (command_id, node, ledger_offset);
