package io.ecledger.ledger.event;

/** What an operator did: the body of a ledger event. */
public sealed interface Payload permits CommandIssued, ConfigChanged, ResultsFlushed, KeyRotated, NodeKeyDecided,
        CommandDenied, PolicyLoaded, CommandCancelled, BatchReleased {

    /** A one-line description for logs and history listings. */
    String summary();
}
