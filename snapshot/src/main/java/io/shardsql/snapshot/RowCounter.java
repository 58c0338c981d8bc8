package io.shardsql.snapshot;

import io.shardsql.storage.MvccReader;

/**
 * Counts the rows a shard's part of a backup holds, read from the part with its in-flight transactions
 * settled, at {@code readTs} (S − 1). The default counts every live key outside {@code \0sys/}; the
 * server may count table rows only (index entries excluded).
 */
@FunctionalInterface
public interface RowCounter {
    /** Every live key outside the system prefix. */
    RowCounter LIVE_KEYS = RowCounters::liveKeys;

    /** The rows in {@code part} at {@code readTs}. */
    long count(MvccReader part, long readTs);
}
