package io.shardsql.sql.rows;

import io.shardsql.sql.catalog.CatalogKeys;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Hidden row ids for tables without a declared primary key. Ids are unique per table, not dense and
 * not ordered across nodes: each node reserves a range of {@code rangeSize} ids at a time in its own
 * short transaction on {@code \0sys/catalog/rowid/<table id>} ({@link CatalogKeys}), then hands them out
 * from memory, so a row costs no round trip. Ids of a range a node does not use up (it restarts, the
 * inserting transaction rolls back) are simply never used.
 */
public final class RowIdSequence {
    private static final int ATTEMPTS = 20;

    private final TransactionManager txns;
    private final int rangeSize;
    private final ConcurrentHashMap<Integer, Range> ranges = new ConcurrentHashMap<>();

    public RowIdSequence(TransactionManager txns, int rangeSize) {
        if (rangeSize < 1) throw new IllegalArgumentException("range size " + rangeSize);
        this.txns = txns;
        this.rangeSize = rangeSize;
    }

    public RowIdSequence(TransactionManager txns) {
        this(txns, 1000);
    }

    /** A row id of table {@code tableId} never handed out before. */
    public long next(int tableId) {
        Range r = ranges.computeIfAbsent(tableId, id -> new Range());
        synchronized (r) {
            if (r.next == r.end) {
                r.next = reserve(tableId);
                r.end = r.next + rangeSize;
            }
            return r.next++;
        }
    }

    private long reserve(int tableId) {
        byte[] key = CatalogKeys.rowIdSequence(tableId);
        return txns.run(TxnMode.READ_WRITE, ATTEMPTS, tx -> {
            long from = tx.get(key).map(CatalogKeys::longOf).orElse(1L);
            tx.put(key, CatalogKeys.longValue(from + rangeSize));
            return from;
        });
    }

    private static final class Range {
        long next;
        long end;
    }
}
