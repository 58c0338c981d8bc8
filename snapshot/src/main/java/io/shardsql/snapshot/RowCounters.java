package io.shardsql.snapshot;

import io.shardsql.storage.KvEntry;
import io.shardsql.storage.MvccReader;
import io.shardsql.storage.raft.ShardMap;

import java.util.Arrays;
import java.util.List;

/** The default {@link RowCounter}. */
final class RowCounters {
    private static final int PAGE = 10_000;

    private RowCounters() {}

    static long liveKeys(MvccReader part, long readTs) {
        long rows = 0;
        byte[] from = new byte[0];
        while (true) {
            List<KvEntry> page = part.scan(from, null, readTs, PAGE);
            for (KvEntry e : page) {
                if (!ShardMap.isSystemKey(e.key())) rows++;
            }
            if (page.size() < PAGE) return rows;
            byte[] last = page.get(page.size() - 1).key();
            from = Arrays.copyOf(last, last.length + 1);
        }
    }
}
