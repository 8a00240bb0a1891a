package io.ecledger.api.config;

/** One change of an option, from the ledger. */
public record HistoryView(long offset, String occurredAt, String actor, String origin, String action, String value) {}
