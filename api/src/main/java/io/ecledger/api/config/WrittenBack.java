package io.ecledger.api.config;

import java.nio.file.Path;

/** What {@code config writeback} wrote: the file, its line count, and the last ledger offset whose changes it holds. */
public record WrittenBack(Path file, long lines, long upToOffset) {}
