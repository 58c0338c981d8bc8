package io.shardsql.storage.raft.machine;

import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.AppliedIndex;
import io.shardsql.storage.EntryFilter;
import io.shardsql.storage.KeyLockedException;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.ScanPage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Answers {@link ShardQuery}s from a replica's committed state. Reads below the garbage-collection
 * safe point are refused ({@code SNAPSHOT_TOO_OLD}): versions they need may be gone. A collection
 * may run while a read does (it is applied on the Raft thread, and removes versions before its
 * safe point is stored), so reads are checked again once they have read, against the safe point
 * of the latest collection started ({@code collectingTo}).
 */
final class QueryExecutor {
    /** How many entries a filtered page may look at per entry it may return. */
    static final int EXAMINED_PER_RETURNED = 16;

    private final MvccStore store;
    private final LongSupplier collectingTo;
    private final ScanFilters filters;

    QueryExecutor(MvccStore store, LongSupplier collectingTo) {
        this(store, collectingTo, ScanFilters.KEEP_ALL);
    }

    QueryExecutor(MvccStore store, LongSupplier collectingTo, ScanFilters filters) {
        this.store = store;
        this.collectingTo = collectingTo;
        this.filters = filters;
    }

    ShardReply execute(ShardQuery query) {
        try {
            if (query instanceof ShardQuery.Get g) {
                checkSafePoint(g.readTs());
                KvEntry entry = store.get(g.key(), g.readTs()).orElse(null);
                checkNotCollected(g.readTs());
                return new ShardReply.Value(entry);
            }
            if (query instanceof ShardQuery.GetMany g) return getMany(g);
            if (query instanceof ShardQuery.Scan s) return scan(s);
            if (query instanceof ShardQuery.CheckReads c) return ReadValidation.check(store, c, this::checkSafePoint,
                    this::checkNotCollected);
            if (query instanceof ShardQuery.ScanLocks l) {
                return new ShardReply.Locks(store.scanLocks(l.start(), l.end(), l.limit()));
            }
            if (query instanceof ShardQuery.GetMeta m) return new ShardReply.Meta(store.meta(m.name()).orElse(null));
            if (query instanceof ShardQuery.ScanMeta m) {
                return new ShardReply.MetaEntries(store.metaScan(m.prefix(), m.after(), m.limit()));
            }
            if (query instanceof ShardQuery.Status) {
                AppliedIndex applied = store.appliedIndex();
                return new ShardReply.Status(applied.term(), applied.index(), store.approximateSizeBytes());
            }
            throw new ShardSqlException(ErrorCode.BAD_COMMAND, "not a query of a replica's state: "
                    + query.getClass().getSimpleName());
        } catch (ShardSqlException e) {
            return ShardReply.Failed.of(e);
        }
    }

    private ShardReply getMany(ShardQuery.GetMany g) {
        checkSafePoint(g.readTs());
        List<ShardReply> replies = new ArrayList<>(g.keys().size());
        for (byte[] key : g.keys()) {
            try {
                replies.add(new ShardReply.Value(store.get(key, g.readTs()).orElse(null)));
            } catch (KeyLockedException e) {
                replies.add(ShardReply.Failed.of(e));
            }
        }
        checkNotCollected(g.readTs());
        return new ShardReply.Batched(replies);
    }

    private ShardReply scan(ShardQuery.Scan s) {
        checkSafePoint(s.readTs());
        EntryFilter filter = s.filter() == null ? EntryFilter.ALL : filters.compile(s.filter());
        int examine = filter == EntryFilter.ALL ? s.limit()
                : (int) Math.min(Integer.MAX_VALUE, (long) s.limit() * EXAMINED_PER_RETURNED);
        ScanPage page = store.scan(s.start(), s.end(), s.readTs(), s.limit(), filter, examine);
        checkNotCollected(s.readTs());
        return new ShardReply.Entries(filter.finishPage(page.entries()), page.resumeKey());
    }

    private void checkSafePoint(long readTs) {
        long safePoint = store.meta(CommandApplier.SAFE_POINT).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
        refuseBelow(readTs, Math.max(safePoint, collectingTo.getAsLong()));
    }

    /** After a read: had a collection above it started, the read may have missed removed versions. */
    private void checkNotCollected(long readTs) {
        refuseBelow(readTs, collectingTo.getAsLong());
    }

    private static void refuseBelow(long readTs, long safePoint) {
        if (readTs < safePoint) {
            throw new ShardSqlException(ErrorCode.SNAPSHOT_TOO_OLD, "read at " + readTs
                    + " is below the garbage-collection safe point " + safePoint + "; start a new transaction");
        }
    }
}
