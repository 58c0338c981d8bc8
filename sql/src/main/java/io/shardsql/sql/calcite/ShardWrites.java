package io.shardsql.sql.calcite;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.rows.RowCodec;
import io.shardsql.sql.rows.RowKeys;
import io.shardsql.txn.Transaction;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.core.TableModify;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The writes that {@link ShardTableModify}'s generated code calls. INSERT and UPDATE read all their
 * input before writing anything, so a statement never sees its own writes through the scan that feeds
 * it (an UPDATE that moves a key forward must not meet that row again); the transaction buffers the
 * writes until commit anyway. DELETE writes as it reads. The input read ahead counts against the statement's
 * {@link StatementMemory} ({@code sql.statement-memory}), the rows written against the transaction's write buffer
 * ({@code txn.write-buffer-memory}).
 */
public final class ShardWrites {
    private static final String INPUT = "INSERT or UPDATE input";

    private ShardWrites() {}

    /** Called by generated code; returns the number of rows written. */
    public static Enumerable<Long> apply(DataContext root, ModifySpec spec, Enumerable<Object[]> rows) {
        ShardDataContext ctx = ShardDataContext.of(root);
        Transaction tx = ctx.transaction();
        TableDef def = spec.table();
        long count = 0;
        if (spec.operation() == TableModify.Operation.DELETE) {
            try (Enumerator<Object[]> e = rows.enumerator()) {
                while (e.moveNext()) {
                    Object[] row = catalogRow(def, e.current());
                    ctx.written(row);
                    if (def.hasHiddenRowId()) ctx.writes().delete(tx, def, ctx.lastRowRead(def.id()), row);
                    else ctx.writes().delete(tx, def, row);
                    count++;
                }
            }
            return Linq4j.singletonEnumerable(count);
        }
        List<Object[]> input = new ArrayList<>();
        List<byte[]> rowKeys = new ArrayList<>(); // UPDATE of a table with a hidden row id: each input row's key
        boolean keyed = spec.operation() == TableModify.Operation.UPDATE && def.hasHiddenRowId();
        try (Enumerator<Object[]> e = rows.enumerator()) {
            while (e.moveNext()) {
                if (ctx.cancelled()) throw new ShardSqlException(ErrorCode.QUERY_CANCELED,
                        "canceling statement due to user request");
                Object[] row = e.current(); // once: Calcite computes the row here, nextval and all
                input.add(row);
                ctx.memory().charge(RowSizes.REFERENCE + RowSizes.of(row), INPUT);
                if (keyed) {
                    byte[] rowKey = ctx.lastRowRead(def.id());
                    rowKeys.add(rowKey);
                    ctx.memory().charge(RowSizes.REFERENCE + RowSizes.ARRAY_HEADER + rowKey.length, INPUT);
                }
            }
        }
        if (spec.operation() == TableModify.Operation.INSERT) {
            List<Object[]> catalogRows = new ArrayList<>(input.size());
            for (Object[] r : input) catalogRows.add(catalogRow(def, r));
            DeferredInserts deferred = ctx.deferredInserts();
            if (deferred != null && spec.onConflict().action() == OnConflict.Action.ERROR) {
                for (Object[] r : catalogRows) deferred.add(def, r); // written with the rest of the batch
                return Linq4j.singletonEnumerable((long) catalogRows.size());
            }
            if (ctx.commitFollows() && spec.onConflict().action() == OnConflict.Action.ERROR) {
                for (Object[] r : catalogRows) {
                    ctx.writes().insertUnread(tx, def, r); // the commit checks the keys: no read for them now
                    ctx.written(r);
                }
                return Linq4j.singletonEnumerable((long) catalogRows.size());
            }
            ctx.writes().prepareInserts(tx, def, catalogRows); // one parallel read for all the rows' checks
        }
        Set<ByteBuffer> touched = new HashSet<>(); // keys an ON CONFLICT DO UPDATE has inserted or updated
        for (int k = 0; k < input.size(); k++) {
            Object[] r = input.get(k);
            switch (spec.operation()) {
                case INSERT -> {
                    Object[] row = catalogRow(def, r);
                    if (insert(ctx, spec, row, touched)) ctx.written(row);
                    else count--;
                }
                case UPDATE -> {
                    Object[] old = catalogRow(def, r);
                    Object[] updated = old.clone();
                    int n = def.columns().size();
                    for (int i = 0; i < spec.updateColumns().size(); i++) {
                        int pos = spec.updateColumns().get(i);
                        updated[pos] = ShardTypes.fromInternal(def.columns().get(pos).type(), r[n + i]);
                    }
                    ctx.written(updated);
                    if (keyed) ctx.writes().update(tx, def, rowKeys.get(k), old, updated);
                    else ctx.writes().update(tx, def, old, updated);
                }
                default -> throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                        spec.operation() + " is not supported");
            }
            count++;
        }
        return Linq4j.singletonEnumerable(count);
    }

    /**
     * Inserts {@code row}, or does with the row already stored under its key what the statement's
     * conflict clause says. Returns whether a row was inserted or updated (PostgreSQL counts both).
     * DO UPDATE may not meet one key twice in a statement (21000, as in PostgreSQL: which proposed row
     * would win is not defined).
     */
    private static boolean insert(ShardDataContext ctx, ModifySpec spec, Object[] row, Set<ByteBuffer> touched) {
        TableDef def = spec.table();
        OnConflict c = spec.onConflict();
        Transaction tx = ctx.transaction();
        if (c.action() == OnConflict.Action.ERROR || def.hasHiddenRowId()) {
            ctx.writes().insert(tx, def, row);
            return true;
        }
        ctx.writes().check(def, row); // the proposed row is checked first, conflict or not (PostgreSQL)
        byte[] key = RowKeys.keyOf(def, row);
        if (c.action() == OnConflict.Action.UPDATE && !touched.add(ByteBuffer.wrap(key))) {
            throw new ShardSqlException(ErrorCode.CARDINALITY_VIOLATION,
                    "ON CONFLICT DO UPDATE command cannot affect row a second time: two proposed rows of "
                            + def.name() + " have the same primary key");
        }
        Optional<byte[]> stored = tx.get(key);
        if (stored.isEmpty()) {
            ctx.writes().insert(tx, def, row);
            return true;
        }
        Object[] old = RowCodec.decode(def, key, stored.get());
        switch (c.action()) {
            case NOTHING -> {
                return false;
            }
            case REPLACE -> ctx.writes().update(tx, def, old, row);
            case UPDATE -> {
                Object[] updated = c.update().apply(def, old, row, ctx);
                if (updated == null) return false; // its WHERE does not hold: left alone, not counted
                ctx.writes().update(tx, def, old, updated);
            }
            default -> throw new IllegalStateException(c.action().name());
        }
        return true;
    }

    /** The first {@code columns.size()} values of {@code r}, as catalog values. */
    private static Object[] catalogRow(TableDef def, Object[] r) {
        List<ColumnDef> cols = def.columns();
        Object[] out = new Object[cols.size()];
        for (int i = 0; i < out.length; i++) out[i] = ShardTypes.fromInternal(cols.get(i).type(), r[i]);
        return out;
    }
}
