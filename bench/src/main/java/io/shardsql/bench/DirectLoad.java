package io.shardsql.bench;

import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.exec.SqlEngine;
import io.shardsql.sql.rows.RowCodec;
import io.shardsql.sql.rows.RowKeys;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Loads benchmark rows into a table (no secondary indexes) through the transaction API: each row
 * encoded with the engine's own {@link RowKeys}/{@link RowCodec}, 500 rows per transaction, several
 * transactions at a time; progress on stderr.
 */
final class DirectLoad {
    private static final int BATCH = 500;

    private final TransactionManager txns;
    private final SqlEngine engine;
    private final int threads;

    DirectLoad(TransactionManager txns, SqlEngine engine, int threads) {
        this.txns = txns;
        this.engine = engine;
        this.threads = threads;
    }

    DirectLoad load(String table, int count, LongFunction<Object[]> row) throws Exception {
        TableDef def = tableDef(table);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (long start = (long) thread * BATCH; start < count; start += (long) threads * BATCH) {
                        long from = start;
                        txns.run(TxnMode.READ_WRITE, 10, tx -> {
                            for (long id = from; id < Math.min(count, from + BATCH); id++) put(tx, def, row.apply(id));
                            return null;
                        });
                        long d = done.addAndGet(Math.min(BATCH, count - start));
                        if (d % 100_000 < BATCH) System.err.printf("ShardSQL: %s %d/%d rows%n", table, d, count);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdown();
        }
        return this;
    }

    private static void put(Transaction tx, TableDef def, Object[] row) {
        tx.put(RowKeys.keyOf(def, row), RowCodec.encode(def, row));
    }

    private TableDef tableDef(String table) {
        return engine.tableDefinition(table).orElseThrow(() -> new IllegalStateException("no table " + table));
    }
}
