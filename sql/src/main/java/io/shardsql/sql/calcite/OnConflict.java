package io.shardsql.sql.calcite;

/**
 * What an INSERT does with a row whose primary key is already present: fail (23505, plain INSERT),
 * nothing ({@code ON CONFLICT DO NOTHING}), replace the stored row ({@code UPSERT}), or update it
 * ({@code ON CONFLICT (pk) DO UPDATE SET ... [WHERE ...]}, compiled into {@link ConflictUpdate}).
 */
public record OnConflict(Action action, ConflictUpdate update) {

    /** What an INSERT does on a primary key conflict: fail, skip the row, replace the stored row, or update it. */
    public enum Action { ERROR, NOTHING, REPLACE, UPDATE }

    public static final OnConflict ERROR = new OnConflict(Action.ERROR, null);

    public OnConflict {
        if ((action == Action.UPDATE) != (update != null)) throw new IllegalArgumentException(action + " with update "
                + update);
    }
}
