package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.rows.RowKeys;
import io.shardsql.storage.keys.KeyOrder;
import org.apache.calcite.rel.RelFieldCollation;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What a {@link ShardTableScan} reads: which table, through which index ({@code null}: the rows
 * themselves, by primary key), which keys of it, which columns (positions in
 * {@link TableDef#columns()}, in output order), at most how many rows (-1: all), and which tests the
 * shards run on the rows before sending them ({@code shardFilter}, null: none; row scans only).
 */
public record ScanSpec(TableDef table, IndexDef index, KeyBounds bounds, List<Integer> columns, long limit,
                       PushedFilter shardFilter) {

    public ScanSpec {
        columns = List.copyOf(columns);
    }

    public static ScanSpec fullScan(TableDef table) {
        return new ScanSpec(table, null, KeyBounds.ALL, IntStream.range(0, table.columns().size()).boxed().toList(),
                -1, null);
    }

    public ScanSpec withBounds(KeyBounds b) { return new ScanSpec(table, index, b, columns, limit, shardFilter); }

    /** Reads through {@code i}, bounded by {@code b} on its columns (index entries are not filtered on the shards). */
    public ScanSpec withIndex(IndexDef i, KeyBounds b) { return new ScanSpec(table, i, b, columns, limit, null); }

    public ScanSpec withColumns(List<Integer> c) { return new ScanSpec(table, index, bounds, c, limit, shardFilter); }

    public ScanSpec withLimit(long l) { return new ScanSpec(table, index, bounds, columns, l, shardFilter); }

    public ScanSpec withShardFilter(PushedFilter f) { return new ScanSpec(table, index, bounds, columns, limit, f); }

    public int keyColumnCount() {
        if (index != null) return index.columnIds().size();
        return table.hasHiddenRowId() ? 1 : table.primaryKey().size();
    }

    /** The whole primary key is known: one row, one get on one shard. */
    public boolean isPointGet() {
        return index == null && !table.hasHiddenRowId() && bounds.isPoint(keyColumnCount());
    }

    /** Every column of a unique index is known: one entry get, then one row get. */
    public boolean isIndexPointGet() {
        return index != null && index.unique() && bounds.isPoint(keyColumnCount());
    }

    /** The access path as EXPLAIN names it. */
    public String access() {
        if (isPointGet()) return "point get";
        if (index != null) return (isIndexPointGet() ? "index point get " : "index scan ") + index.name();
        return bounds.isAll() ? "full scan" : "key range scan";
    }

    /**
     * The order rows come out in, as output fields with their directions: a scan returns rows in the
     * order of its key — the primary key's (all ascending) for a scan of the rows, the index's declared
     * order ({@code a DESC, b ASC}) for a scan through an index — which is SQL order for the leading key
     * columns whose key encoding sorts like Calcite compares them (integers, booleans, dates and times).
     * A string's UTF-8 byte order differs from Java's UTF-16 order for some characters, and floating
     * point and decimals are not declared either, so the order stops before the first such column, or
     * before a key column the scan does not output. An index point get is one row; it declares nothing.
     */
    public List<RelFieldCollation> collation() {
        if (index == null && table.hasHiddenRowId()) return List.of();
        List<Integer> keyColumns = index != null ? index.columnIds() : table.primaryKey();
        List<KeyOrder> orders = keyOrders();
        List<RelFieldCollation> fields = new java.util.ArrayList<>();
        for (int i = 0; i < keyColumns.size(); i++) {
            int columnId = keyColumns.get(i);
            int field = columns.indexOf(table.position(columnId));
            if (field < 0 || !sortsLikeSql(table.columnById(columnId).type().kind())) break;
            KeyOrder o = orders.get(i);
            fields.add(new RelFieldCollation(field,
                    o.isDescending() ? RelFieldCollation.Direction.DESCENDING : RelFieldCollation.Direction.ASCENDING,
                    o.nullsFirst() ? RelFieldCollation.NullDirection.FIRST : RelFieldCollation.NullDirection.LAST));
        }
        return fields;
    }

    private static boolean sortsLikeSql(SqlType.Kind kind) {
        return switch (kind) {
            case SMALLINT, INTEGER, BIGINT, BOOLEAN, DATE, TIME, TIMESTAMP -> true;
            default -> false;
        };
    }

    /** The direction and NULL placement of each key column: the index's, or ASC for the primary key. */
    public List<KeyOrder> keyOrders() {
        if (index != null) return index.orders();
        return java.util.Collections.nCopies(keyColumnCount(), KeyOrder.ASC);
    }

    /** The names of the key columns the bounds apply to: the index's, or the primary key's. */
    public List<String> keyColumnNames() {
        if (index != null) return index.columnIds().stream().map(id -> table.columnById(id).name()).toList();
        if (table.hasHiddenRowId()) return List.of("_rowid");
        return table.primaryKeyColumns().stream().map(ColumnDef::name).toList();
    }

    /** The types of the key columns the bounds apply to. */
    public List<SqlType> keyTypes() {
        if (index != null) return index.columnIds().stream().map(id -> table.columnById(id).type()).toList();
        if (table.hasHiddenRowId()) return List.of(RowKeys.ROW_ID_TYPE);
        return table.primaryKeyColumns().stream().map(ColumnDef::type).toList();
    }
}
