package io.shardsql.shell;

import java.util.Arrays;
import java.util.List;

/** Rows from a list, for printer tests. */
final class ListRows implements Rows {
    private final List<Column> columns;
    private final List<Object[]> rows;
    private int at = -1;

    ListRows(List<Column> columns, List<Object[]> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    static ListRows of(List<Column> columns, Object[]... rows) {
        return new ListRows(columns, Arrays.asList(rows));
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        return ++at < rows.size();
    }

    @Override
    public Object value(int index) {
        return rows.get(at)[index];
    }
}
