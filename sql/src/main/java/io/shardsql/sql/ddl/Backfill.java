package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.rows.IndexKeys;
import io.shardsql.sql.rows.RowCodec;
import io.shardsql.sql.rows.RowKeys;
import io.shardsql.storage.KvEntry;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Optional;

/**
 * Step 3 of an online CREATE INDEX: writes the entries of the rows that exist, {@code batch} rows per
 * transaction, in key order. Each batch is idempotent (an entry already there — written by a writer
 * that maintains the WRITE_ONLY index, or by an earlier try — is left as it is or written again), so a
 * batch that loses a write conflict to a concurrent writer is simply run again on a newer snapshot.
 * A unique entry held by another row is a duplicate in the table: 23505.
 */
final class Backfill {
    private final TransactionManager txns;
    private final CatalogStore catalog;
    private final int batch;
    private final int attempts;

    Backfill(TransactionManager txns, CatalogStore catalog, int batch, int attempts) {
        this.txns = txns;
        this.catalog = catalog;
        this.batch = batch;
        this.attempts = attempts;
    }

    /** What a backfill did: rows indexed, batches committed, batch attempts that lost a conflict. */
    record Stats(long rows, int batches, int retries) {}

    Stats run(int tableId, String tableName, int indexId) {
        byte[] from = RowKeys.tableStart(tableId);
        int[] tries = {0};
        long[] rows = {0};
        int batches = 0;
        while (from != null) {
            byte[] start = from;
            Batch b = txns.run(TxnMode.READ_WRITE, attempts, tx -> {
                tries[0]++;
                return batch(tx, tableName, tableId, indexId, start);
            });
            rows[0] += b.rows();
            from = b.next();
            batches++;
        }
        return new Stats(rows[0], batches, tries[0] - batches);
    }

    private record Batch(int rows, byte[] next) {}

    /** One batch from {@code from}: how many rows, and where the next one starts (null when the table is done). */
    private Batch batch(Transaction tx, String tableName, int tableId, int indexId, byte[] from) {
        TableDef table = table(catalog.read(tx), tableName, tableId);
        IndexDef index = index(table, indexId);
        Iterator<KvEntry> rows = tx.scan(from, RowKeys.tableEnd(tableId));
        byte[] last = null;
        int n = 0;
        for (; n < batch && rows.hasNext(); n++) {
            KvEntry row = rows.next();
            IndexKeys.Entry e = IndexKeys.entry(table, index, RowCodec.decode(table, row.key(), row.value()),
                    row.key());
            if (e.value().length > 0) {
                Optional<byte[]> holder = tx.get(e.key());
                if (holder.isPresent() && !Arrays.equals(holder.get(), e.value())) {
                    throw new ShardSqlException(ErrorCode.UNIQUE_VIOLATION, "could not create unique index \""
                            + index.name() + "\": key " + Arrays.toString(IndexKeys.decodeValues(table, index, e.key()))
                            + " is duplicated");
                }
                if (holder.isPresent()) {
                    last = row.key();
                    continue;
                }
            }
            tx.put(e.key(), e.value());
            last = row.key();
        }
        if (n < batch) return new Batch(n, null);
        return new Batch(n, Arrays.copyOf(last, last.length + 1)); // the smallest key after the last one
    }

    static TableDef table(CatalogSnapshot catalog, String name, int id) {
        return catalog.table(name).filter(t -> t.id() == id).orElseThrow(() -> new ShardSqlException(
                ErrorCode.UNDEFINED_TABLE, "relation \"" + name + "\" was dropped while its index was being built"));
    }

    static IndexDef index(TableDef table, int indexId) {
        return table.indexes().stream().filter(ix -> ix.id() == indexId).findFirst().orElseThrow(() ->
                new ShardSqlException(ErrorCode.UNDEFINED_OBJECT, "the index being built on \"" + table.name()
                        + "\" was dropped"));
    }
}
