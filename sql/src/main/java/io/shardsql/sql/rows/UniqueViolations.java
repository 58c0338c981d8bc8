package io.shardsql.sql.rows;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.storage.KeyExistsException;
import io.shardsql.storage.keys.KeyReader;

import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

/**
 * The 23505 messages, worded as PostgreSQL words them: {@code duplicate key value violates ... (a, b)=(1, x)
 * already exists}. A violation found by a shard when a commit prepares ({@link KeyExistsException}) names only
 * the encoded key; {@link #of} decodes it (a row key or a unique index entry, told apart by the id it starts
 * with) against the catalog the statement was planned with.
 */
public final class UniqueViolations {
    private UniqueViolations() {}

    /** {@code row}'s primary key is taken. */
    public static ShardSqlException primaryKey(TableDef table, Object[] row) {
        return new ShardSqlException(ErrorCode.UNIQUE_VIOLATION, primaryKeyMessage(table,
                describe(table, table.primaryKey(), RowKeys.primaryKeyValues(table, row))));
    }

    /** {@code row}'s values of unique index {@code ix} are taken. */
    public static ShardSqlException uniqueIndex(TableDef table, IndexDef ix, Object[] row) {
        return new ShardSqlException(ErrorCode.UNIQUE_VIOLATION, indexMessage(table, ix,
                describe(table, ix.columnIds(), IndexKeys.values(table, ix, row))));
    }

    /**
     * {@code e}, found at commit, worded with the row or index its key belongs to in {@code catalog}; as it came
     * if the key is not one of the catalog's (or {@code catalog} is null).
     */
    public static ShardSqlException of(KeyExistsException e, CatalogSnapshot catalog) {
        byte[] key = e.key();
        if (catalog == null || key.length < 4) return e;
        try {
            int id = new KeyReader(key).readId();
            for (TableDef table : catalog.tables().values()) {
                if (table.id() == id && !table.hasHiddenRowId()) {
                    return new ShardSqlException(ErrorCode.UNIQUE_VIOLATION, primaryKeyMessage(table,
                            describe(table, table.primaryKey(), RowKeys.primaryKey(table, key))), e);
                }
                for (IndexDef ix : table.indexes()) {
                    if (ix.id() == id) {
                        return new ShardSqlException(ErrorCode.UNIQUE_VIOLATION, indexMessage(table, ix,
                                describe(table, ix.columnIds(), IndexKeys.decodeValues(table, ix, key))), e);
                    }
                }
            }
        } catch (RuntimeException notOurs) {
            return e; // a key this catalog does not decode: the storage's own words
        }
        return e;
    }

    private static String primaryKeyMessage(TableDef table, String values) {
        return "duplicate key value violates the primary key of table \"" + table.name() + "\": " + values
                + " already exists";
    }

    private static String indexMessage(TableDef table, IndexDef ix, String values) {
        return "duplicate key value violates unique index \"" + ix.name() + "\" of table \"" + table.name() + "\": "
                + values + " already exists";
    }

    /**
     * {@code (a, b)=(1, x)} for the columns {@code columnIds} holding {@code values}, in that order: how the
     * key of a 23505 and of a 23503 ({@link ForeignKeyViolations}) is shown.
     */
    static String describe(TableDef table, List<Integer> columnIds, Object[] values) {
        StringJoiner names = new StringJoiner(", ", "(", ")");
        StringJoiner shown = new StringJoiner(", ", "(", ")");
        for (int i = 0; i < columnIds.size(); i++) {
            names.add(table.columnById(columnIds.get(i)).name());
            Object v = values[i];
            shown.add(v instanceof byte[] b ? "\\x" + HexFormat.of().formatHex(b) : String.valueOf(v));
        }
        return names + "=" + shown;
    }
}
