package io.shardsql.sql.calcite;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.catalog.ValueCodec;
import io.shardsql.sql.rows.IndexKeys;
import io.shardsql.sql.rows.RowCodec;
import io.shardsql.sql.rows.RowFilter;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.keys.KeyOrder;
import io.shardsql.storage.keys.KeyRanges;
import io.shardsql.storage.keys.KeyWriter;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The scans that {@link ShardToEnumerableConverter}'s generated code calls: evaluates the key bounds,
 * reads through the transaction (a point get, or a merged streaming scan over the shards), decodes
 * each row and hands over the projected columns in Calcite's representation.
 */
public final class ShardScans {
    private ShardScans() {}

    /** Called by generated code. */
    public static Enumerable<Object[]> scan(DataContext root, ScanSpec spec) {
        ShardDataContext ctx = ShardDataContext.of(root);
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return Linq4j.iterableEnumerator(() -> rows(ctx, spec));
            }
        };
    }

    /** Called by generated code for a scan of one column: each row is that column's value. */
    public static Enumerable<Object> scanValues(DataContext root, ScanSpec spec) {
        return scan(root, spec).select(row -> row[0]);
    }

    /** Called by generated code for a scan of no column (COUNT(*)): each row is an empty list. */
    public static Enumerable<java.util.List<Object>> scanEmptyRows(DataContext root, ScanSpec spec) {
        return scan(root, spec).select(row -> java.util.List.of());
    }

    /** Called by generated code: the partial rows of a {@link ShardPartialAggregate}. */
    public static Enumerable<Object[]> aggregate(DataContext root, AggregateSpec spec) {
        ShardDataContext ctx = ShardDataContext.of(root);
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return Linq4j.iterableEnumerator(() -> ShardAggregates.partials(ctx, spec));
            }
        };
    }

    /** Called by generated code for a partial aggregate of one column. */
    public static Enumerable<Object> aggregateValues(DataContext root, AggregateSpec spec) {
        return aggregate(root, spec).select(row -> row[0]);
    }

    static Iterator<Object[]> rows(ShardDataContext ctx, ScanSpec spec) {
        TableDef def = spec.table();
        List<SqlType> keyTypes = spec.keyTypes();
        List<KeyOrder> orders = spec.keyOrders();
        KeyBounds b = spec.bounds();
        KeyWriter prefix = new KeyWriter(32).writeId(spec.index() != null ? spec.index().id() : def.id());
        for (int i = 0; i < b.equal().size(); i++) {
            Optional<Object> v = KeyValues.evaluate(b.equal().get(i), keyTypes.get(i), KeyValues.Role.EQUAL, ctx);
            if (v.isEmpty()) return Collections.emptyIterator();
            ValueCodec.write(prefix, keyTypes.get(i), v.get(), orders.get(i));
        }
        byte[] start = prefix.toByteArray();
        byte[] end = KeyRanges.prefixEnd(start);
        if (spec.isPointGet()) return lookup(ctx, spec, start);
        if (spec.isIndexPointGet()) {
            Optional<byte[]> entry = ctx.transaction().get(start);
            if (entry.isEmpty()) return Collections.emptyIterator();
            return lookup(ctx, spec, IndexKeys.rowKey(def, spec.index(), start, entry.get()));
        }
        int next = b.equal().size();
        SqlType nextType = next < keyTypes.size() ? keyTypes.get(next) : null;
        KeyOrder nextOrder = next < orders.size() ? orders.get(next) : KeyOrder.ASC;
        // On a DESC column the SQL lower bound is where the key range ends, and the upper where it starts.
        boolean descending = nextOrder.isDescending();
        if (b.lower() != null) {
            Optional<byte[]> bound = bound(ctx, prefix, nextType, nextOrder, b.lower(), KeyValues.Role.LOWER);
            if (bound.isEmpty()) return Collections.emptyIterator();
            if (bound.get().length > 0 && !descending) start = startAt(bound.get(), b.lowerInclusive());
            if (bound.get().length > 0 && descending) end = endAt(bound.get(), b.lowerInclusive());
        }
        if (b.upper() != null) {
            Optional<byte[]> bound = bound(ctx, prefix, nextType, nextOrder, b.upper(), KeyValues.Role.UPPER);
            if (bound.isEmpty()) return Collections.emptyIterator();
            if (bound.get().length > 0 && !descending) end = endAt(bound.get(), b.upperInclusive());
            if (bound.get().length > 0 && descending) start = startAt(bound.get(), b.upperInclusive());
        }
        Iterator<KvEntry> entries = ctx.transaction().scan(start, end,
                spec.index() == null ? program(spec, ctx) : null);
        long limit = spec.limit();
        return new Iterator<>() {
            long produced;
            Object[] pending;

            @Override
            public boolean hasNext() {
                if (limit >= 0 && produced >= limit) return false;
                while (pending == null) {
                    if (ctx.cancelled()) throw new ShardSqlException(ErrorCode.QUERY_CANCELED,
                            "canceling statement due to user request");
                    if (!entries.hasNext()) return false;
                    pending = decode(ctx, spec, entries.next());
                }
                return true;
            }

            @Override
            public Object[] next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                Object[] row = pending;
                pending = null;
                produced++;
                return row;
            }
        };
    }

    /**
     * What the shards run over the rows of a primary-key scan: the pushed filter's tests, and a
     * projection when the scan needs fewer non-key columns than the table has. Null if neither.
     */
    private static byte[] program(ScanSpec spec, ShardDataContext ctx) {
        TableDef def = spec.table();
        RowFilter.Builder b = new RowFilter.Builder();
        if (spec.shardFilter() != null) spec.shardFilter().addTo(b, def, ctx);
        List<ColumnDef> needed = new ArrayList<>();
        int nonKey = 0;
        for (int i = 0; i < def.columns().size(); i++) {
            ColumnDef c = def.columns().get(i);
            if (def.primaryKey().contains(c.id())) continue;
            nonKey++;
            if (spec.columns().contains(i)) needed.add(c);
        }
        if (needed.size() < nonKey) b.project(needed);
        return b.isEmpty() ? null : b.build();
    }

    /** A row entry decoded, or an index entry followed to its row (null if the row is gone). */
    private static Object[] decode(ShardDataContext ctx, ScanSpec spec, KvEntry e) {
        TableDef def = spec.table();
        if (spec.index() == null) {
            if (def.hasHiddenRowId()) ctx.rowRead(def.id(), e.key());
            return project(spec, RowCodec.decode(def, e.key(), e.value()));
        }
        byte[] rowKey = IndexKeys.rowKey(def, spec.index(), e.key(), e.value());
        Optional<byte[]> row = ctx.transaction().get(rowKey);
        if (row.isEmpty()) {
            throw new ShardSqlException(ErrorCode.STORAGE_CORRUPTED,
                    "index " + spec.index().name() + " of " + def.name()
                            + " has an entry for a row that does not exist");
        }
        if (def.hasHiddenRowId()) ctx.rowRead(def.id(), rowKey);
        return project(spec, RowCodec.decode(def, rowKey, row.get()));
    }

    private static Iterator<Object[]> lookup(ShardDataContext ctx, ScanSpec spec, byte[] rowKey) {
        Optional<byte[]> value = ctx.transaction().get(rowKey);
        return value.map(v -> Collections.singletonList(project(spec, RowCodec.decode(spec.table(), rowKey, v)))
                        .iterator())
                .orElse(Collections.emptyIterator());
    }

    /**
     * The key where a range bound on the column after the prefix starts: empty when no row can match,
     * an empty array when the bound is dropped (beyond the type's range on its open side).
     */
    private static Optional<byte[]> bound(ShardDataContext ctx, KeyWriter prefix, SqlType type, KeyOrder order,
                                          org.apache.calcite.rex.RexNode value, KeyValues.Role role) {
        return KeyValues.evaluate(value, type, role, ctx)
                .map(v -> v == KeyValues.UNBOUNDED ? new byte[0] : concat(prefix, type, order, v));
    }

    /** The first key of a range starting at the component {@code bound} (inclusive) or just after it. */
    private static byte[] startAt(byte[] bound, boolean inclusive) {
        return inclusive ? bound : KeyRanges.prefixEnd(bound);
    }

    /** The exclusive end of a range ending at the component {@code bound} (inclusive) or just before it. */
    private static byte[] endAt(byte[] bound, boolean inclusive) {
        return inclusive ? KeyRanges.prefixEnd(bound) : bound;
    }

    /** The prefix followed by one more key column (key encodings concatenate). */
    private static byte[] concat(KeyWriter prefix, SqlType type, KeyOrder order, Object value) {
        byte[] p = prefix.toByteArray();
        KeyWriter one = new KeyWriter(16);
        ValueCodec.write(one, type, value, order);
        byte[] v = one.toByteArray();
        byte[] out = java.util.Arrays.copyOf(p, p.length + v.length);
        System.arraycopy(v, 0, out, p.length, v.length);
        return out;
    }

    private static Object[] project(ScanSpec spec, Object[] row) {
        List<ColumnDef> cols = spec.table().columns();
        Object[] out = new Object[spec.columns().size()];
        for (int i = 0; i < out.length; i++) {
            int c = spec.columns().get(i);
            out[i] = ShardTypes.toInternal(cols.get(c).type(), row[c]);
        }
        return out;
    }

}
