package io.shardsql.sql.ddl;

import io.shardsql.sql.catalog.CatalogKeys;
import io.shardsql.sql.rows.RowKeys;
import io.shardsql.storage.KvEntry;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Deletes the keys of dropped tables and indexes after the drop has committed. The drop writes a marker
 * {@code \0sys/catalog/purge/<id>} in its own transaction ({@link #mark}), so the work survives a crash
 * of the node that dropped: {@link #purgePending} (run after every DDL statement that committed, and by
 * whoever calls {@code DdlExecutor.runDeferredWork}) deletes {@code [id, id + 1)} in transactions of at
 * most {@code batch} keys — each one a bounded write, retried on conflict — and then the marker.
 * A table id also loses its hidden-row-id sequence. Ids are never reused, so nothing new can be
 * written into the range by a statement that sees the drop.
 */
final class Purger {
    static final byte TABLE = 'T';
    static final byte INDEX = 'I';

    private final TransactionManager txns;
    private final int batch;
    private final int attempts;

    Purger(TransactionManager txns, int batch, int attempts) {
        this.txns = txns;
        this.batch = batch;
        this.attempts = attempts;
    }

    static void mark(Transaction tx, int id, byte kind) {
        tx.put(CatalogKeys.purge(id), new byte[] {kind});
    }

    /** Purges every dropped id whose marker is committed; returns how many ids it finished. */
    int purgePending() {
        List<KvEntry> markers = txns.run(TxnMode.READ_ONLY, attempts, tx -> {
            List<KvEntry> out = new ArrayList<>();
            tx.scan(CatalogKeys.PURGE_PREFIX, CatalogKeys.end(CatalogKeys.PURGE_PREFIX)).forEachRemaining(out::add);
            return out;
        });
        for (KvEntry m : markers) purge(CatalogKeys.purgedId(m.key()), m.value()[0]);
        return markers.size();
    }

    private void purge(int id, byte kind) {
        byte[] start = RowKeys.tableStart(id);
        byte[] end = RowKeys.tableEnd(id);
        while (true) {
            byte[] from = start;
            Integer deleted = txns.run(TxnMode.READ_WRITE, attempts, tx -> deleteBatch(tx, from, end));
            if (deleted < batch) break;
        }
        txns.run(TxnMode.READ_WRITE, attempts, tx -> {
            if (kind == TABLE) tx.delete(CatalogKeys.rowIdSequence(id));
            tx.delete(CatalogKeys.purge(id));
            return null;
        });
    }

    private int deleteBatch(Transaction tx, byte[] start, byte[] end) {
        int n = 0;
        for (Iterator<KvEntry> it = tx.scan(start, end); n < batch && it.hasNext(); n++) tx.delete(it.next().key());
        return n;
    }
}
