package io.shardsql.sql.calcite;

import java.util.Map;

/**
 * What an INSERT does with a row whose primary key is already present: fail (23505, plain INSERT),
 * nothing ({@code ON CONFLICT DO NOTHING}), replace the stored row ({@code UPSERT}), or update it
 * ({@code ON CONFLICT (pk) DO UPDATE SET ...}) with, for each updated column (by position), the
 * proposed row's value of a column ({@code EXCLUDED.col}) or a constant.
 */
public record OnConflict(Action action, Map<Integer, Assignment> assignments) {

    public enum Action { ERROR, NOTHING, REPLACE, UPDATE }

    /** The new value of a column: the proposed row's column {@code excludedColumn}, or {@code constant} (a catalog value). */
    public record Assignment(int excludedColumn, Object constant) {
        public static Assignment excluded(int column) { return new Assignment(column, null); }

        public static Assignment constant(Object value) { return new Assignment(-1, value); }
    }

    public static final OnConflict ERROR = new OnConflict(Action.ERROR, Map.of());

    public OnConflict {
        assignments = Map.copyOf(assignments);
    }
}
