package io.ecledger.api.console;

/** The JSON body of {@code POST /v1/console}: one console line. */
public record ConsoleLine(String line) {}
