package io.shardsql.sql.calcite;

import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.txn.Transaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a batch of single-row INSERTs (JDBC's {@code executeBatch}), held back while the batch's
 * statements run and then written together: first one parallel read of every key their checks need
 * ({@link TableWrites#prepareInserts}), then the inserts in order, checking from memory. A batch of
 * a hundred rows costs one round of reads instead of a hundred. Rows are written before anything else
 * happens in the transaction (the session flushes at the end of the batch), so nobody reads past them.
 */
public final class DeferredInserts {
    private record Pending(TableDef table, Object[] row, int set) {}

    /** Inserting the row of parameter set {@code set} failed with {@code cause}. */
    public static final class Failure extends RuntimeException {
        private final int set;
        private final ShardSqlException error;

        Failure(int set, ShardSqlException error) {
            super(error.getMessage(), error);
            this.set = set;
            this.error = error;
        }

        public int set() { return set; }

        public ShardSqlException error() { return error; }
    }

    private final List<Pending> pending = new ArrayList<>();
    private int set;

    /** The parameter set whose statement runs next. */
    public void beginSet(int index) {
        set = index;
    }

    void add(TableDef table, Object[] catalogRow) {
        pending.add(new Pending(table, catalogRow, set));
    }

    /**
     * Writes every held row; the first that fails throws {@link Failure} naming its set (rows before it are
     * written). With {@code commitFollows} (the transaction commits right after, and rolls back on any failure)
     * the rows' keys are not read: the commit checks them ({@link TableWrites#insertUnread}).
     */
    public void flush(Transaction tx, TableWrites writes, boolean commitFollows) {
        if (commitFollows) {
            try {
                for (Pending p : pending) {
                    try {
                        writes.insertUnread(tx, p.table(), p.row());
                    } catch (ShardSqlException e) {
                        throw new Failure(p.set(), e);
                    }
                }
            } finally {
                pending.clear();
            }
            return;
        }
        Map<Integer, List<Object[]>> byTable = new LinkedHashMap<>();
        Map<Integer, TableDef> tables = new LinkedHashMap<>();
        for (Pending p : pending) {
            byTable.computeIfAbsent(p.table().id(), id -> new ArrayList<>()).add(p.row());
            tables.put(p.table().id(), p.table());
        }
        byTable.forEach((id, rows) -> writes.prepareInserts(tx, tables.get(id), rows));
        try {
            for (Pending p : pending) {
                try {
                    writes.insert(tx, p.table(), p.row());
                } catch (ShardSqlException e) {
                    throw new Failure(p.set(), e);
                }
            }
        } finally {
            pending.clear();
        }
    }
}
