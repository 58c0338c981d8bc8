package io.shardsql.sql.rows;

import io.shardsql.sql.catalog.CheckDef;
import io.shardsql.sql.catalog.TableDef;

import java.util.List;

/**
 * The CHECK constraints of tables ({@link TableDef#checks()}), evaluated: the writer asks before it writes a
 * row, DDL before it adds a constraint. The expressions are SQL, so the implementation lives with the SQL
 * engine (it compiles them once per table definition); this package only calls it.
 */
public interface CheckConstraints {

    /** No CHECK is ever evaluated (tests and tools that write rows without an engine). */
    CheckConstraints NONE = new CheckConstraints() {
        @Override
        public void verify(TableDef table, Object[] row) {}

        @Override
        public List<Integer> validate(TableDef table, CheckDef check) {
            return check.columnIds();
        }
    };

    /**
     * Fails with 23514, naming the first CHECK of {@code table} that {@code row} makes FALSE; NULL passes
     * (the SQL rule). {@code row} holds catalog values, checked and normalized ({@link RowChecker}).
     */
    void verify(TableDef table, Object[] row);

    /**
     * Checks that {@code check} is an expression a CHECK of {@code table} may have — its columns exist
     * (42703), it is boolean (42804), no sub-query, aggregate, window or parameter (0A000) — and returns
     * the ids of the columns it reads, in the table's column order.
     */
    List<Integer> validate(TableDef table, CheckDef check);
}
