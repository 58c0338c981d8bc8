package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.TableDef;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What a {@link ShardTableScan} reads: which table, which keys, which columns (positions in
 * {@link TableDef#columns()}, in output order) and at most how many rows (-1: all).
 */
public record ScanSpec(TableDef table, KeyBounds bounds, List<Integer> columns, long limit) {

    public ScanSpec {
        columns = List.copyOf(columns);
    }

    public static ScanSpec fullScan(TableDef table) {
        return new ScanSpec(table, KeyBounds.ALL, IntStream.range(0, table.columns().size()).boxed().toList(), -1);
    }

    public ScanSpec withBounds(KeyBounds b) { return new ScanSpec(table, b, columns, limit); }

    public ScanSpec withColumns(List<Integer> c) { return new ScanSpec(table, bounds, c, limit); }

    public ScanSpec withLimit(long l) { return new ScanSpec(table, bounds, columns, l); }

    public int keyColumnCount() {
        return table.hasHiddenRowId() ? 1 : table.primaryKey().size();
    }

    public boolean isPointGet() {
        return !table.hasHiddenRowId() && bounds.isPoint(keyColumnCount());
    }

    /** The access path as EXPLAIN names it. */
    public String access() {
        if (isPointGet()) return "point get";
        return bounds.isAll() ? "full scan" : "key range scan";
    }

    public List<String> keyColumnNames() {
        if (table.hasHiddenRowId()) return List.of("_rowid");
        return table.primaryKeyColumns().stream().map(ColumnDef::name).toList();
    }
}
