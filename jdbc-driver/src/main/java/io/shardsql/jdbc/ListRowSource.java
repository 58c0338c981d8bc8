package io.shardsql.jdbc;

import io.shardsql.protocol.message.ColumnMetadata;
import io.shardsql.protocol.value.Row;

import java.util.Iterator;
import java.util.List;

/** Rows already in memory: small results the driver builds itself (DatabaseMetaData, generated keys). */
final class ListRowSource implements RowSource {
    private final List<ColumnMetadata> columns;
    private final Iterator<Row> rows;

    ListRowSource(List<ColumnMetadata> columns, List<Row> rows) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows).iterator();
    }

    @Override
    public List<ColumnMetadata> columns() {
        return columns;
    }

    @Override
    public Row next() {
        return rows.hasNext() ? rows.next() : null;
    }

    @Override
    public void close() {}
}
