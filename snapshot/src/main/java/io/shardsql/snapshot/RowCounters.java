package io.shardsql.snapshot;

import io.shardsql.storage.MvccReader;
import io.shardsql.storage.raft.ShardMap;

/** The default {@link RowCounter}. */
final class RowCounters {
    private static final byte[] SYSTEM_END = systemEnd();

    private RowCounters() {}

    /** Every live key, less those under the system prefix: two counts, no values read. */
    static long liveKeys(MvccReader part, long readTs) {
        return part.countLive(new byte[0], null, readTs) - part.countLive(ShardMap.SYSTEM_PREFIX, SYSTEM_END, readTs);
    }

    private static byte[] systemEnd() {
        byte[] end = ShardMap.SYSTEM_PREFIX.clone();
        end[end.length - 1]++;
        return end;
    }
}
