package io.ecledger.ledger.kafka;

import io.ecledger.ledger.event.LedgerEvent;

/** A ledger event and the offset it holds on the ledger topic: its global sequence number. */
public record LedgerEntry(long offset, LedgerEvent event) {}
