package io.ecledger.api.projection;

/** Where a node key stands: announced and waiting for an operator, accepted, or rejected. */
public enum KeyState { PENDING, ACCEPTED, REJECTED }
