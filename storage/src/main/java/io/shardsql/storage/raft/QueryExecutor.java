package io.shardsql.storage.raft;

import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.AppliedIndex;
import io.shardsql.storage.KeyLockedException;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.MvccStore;

import java.util.Arrays;
import java.util.List;

/** Answers {@link ShardQuery}s from a replica's committed state. */
final class QueryExecutor {
    private final MvccStore store;

    QueryExecutor(MvccStore store) {
        this.store = store;
    }

    ShardReply execute(ShardQuery query) {
        try {
            if (query instanceof ShardQuery.Get g) {
                return new ShardReply.Value(store.get(g.key(), g.readTs()).orElse(null));
            }
            if (query instanceof ShardQuery.Scan s) return scan(s);
            AppliedIndex applied = store.appliedIndex();
            return new ShardReply.Status(applied.term(), applied.index(), store.approximateSizeBytes());
        } catch (KeyLockedException e) {
            return new ShardReply.Failed(e.code(), e.getMessage(), e.key(), e.lock());
        } catch (ShardSqlException e) {
            return ShardReply.Failed.of(e);
        }
    }

    private ShardReply scan(ShardQuery.Scan s) {
        List<KvEntry> page = store.scan(s.start(), s.end(), s.readTs(), s.limit());
        byte[] resume = null;
        if (page.size() == s.limit()) {
            byte[] last = page.get(page.size() - 1).key();
            resume = Arrays.copyOf(last, last.length + 1); // the smallest key after `last`
        }
        return new ShardReply.Entries(page, resume);
    }
}
