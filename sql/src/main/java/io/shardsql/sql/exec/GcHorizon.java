package io.shardsql.sql.exec;

import io.shardsql.storage.KvEntry;
import io.shardsql.txn.ActiveTransactions;
import io.shardsql.txn.Timestamps;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code sys.gc_horizon}: what holds garbage collection back. One row per node, from the publication of its
 * oldest running transaction ({@link ActiveTransactions}, refreshed every {@code txn.active-publish-interval}):
 * that transaction's start timestamp and age, who runs it (a session: id, user, client), how long ago the node
 * published, and whether it is the oldest of all — the holder of the horizon, the transaction to end (or the
 * session to terminate) when garbage piles up. A node running nothing shows nulls.
 */
final class GcHorizon {
    private GcHorizon() {}

    static SystemSchema.SystemTable table(TransactionManager txns) {
        return new SystemSchema.SystemTable(List.of(
                SystemSchema.col("node_id", SqlTypeName.VARCHAR),
                SystemSchema.col("oldest_start_ts", SqlTypeName.BIGINT),
                SystemSchema.col("age_ms", SqlTypeName.BIGINT), SystemSchema.col("holder", SqlTypeName.VARCHAR),
                SystemSchema.col("published_ms_ago", SqlTypeName.BIGINT),
                SystemSchema.col("holds_horizon", SqlTypeName.BOOLEAN)), () -> rows(txns));
    }

    private static List<Object[]> rows(TransactionManager txns) {
        List<Object[]> rows = new ArrayList<>();
        long oldestOfAll = ActiveTransactions.NONE;
        try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
            long nowMillis = Timestamps.physicalMillis(tx.startTs());
            for (Iterator<KvEntry> it = tx.scan(ActiveTransactions.PREFIX, ActiveTransactions.end()); it.hasNext(); ) {
                KvEntry e = it.next();
                long oldest = ActiveTransactions.oldest(e.value());
                boolean none = oldest == ActiveTransactions.NONE;
                oldestOfAll = Math.min(oldestOfAll, oldest);
                rows.add(new Object[] {ActiveTransactions.nodeOf(e.key()), none ? null : oldest,
                        none ? null : nowMillis - Timestamps.physicalMillis(oldest),
                        none ? null : ActiveTransactions.holder(e.value()),
                        nowMillis - Timestamps.physicalMillis(e.commitTs()), false});
            }
        }
        for (Object[] row : rows) row[5] = row[1] != null && (Long) row[1] == oldestOfAll;
        return rows;
    }
}
