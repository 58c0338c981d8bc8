package io.shardsql.sql.rows;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.catalog.ValueCodec;
import io.shardsql.storage.keys.KeyRanges;
import io.shardsql.storage.keys.KeyReader;
import io.shardsql.storage.keys.KeyWriter;

import java.util.List;

/**
 * Row keys: the table id, then the primary key columns in ascending key encoding, so a table's rows
 * sort by primary key and a key prefix is a range.
 *
 * <pre>
 * | table id (4, BE) | pk column 1 | pk column 2 | ... |
 * a table without a declared key:  | table id (4) | hidden row id (BIGINT) |
 * </pre>
 */
public final class RowKeys {
    /** The type of the hidden row id of tables without a declared primary key. */
    public static final SqlType ROW_ID_TYPE = SqlType.of(SqlType.Kind.BIGINT);

    private RowKeys() {}

    /** The key of the row whose primary key columns hold {@code pk} (in key column order). */
    public static byte[] key(TableDef table, Object[] pk) {
        KeyWriter w = new KeyWriter(16).writeId(table.id());
        List<SqlType> types = keyTypes(table);
        if (pk.length != types.size()) {
            throw new IllegalArgumentException("table " + table.name() + " has " + types.size() + " key columns, got "
                    + pk.length);
        }
        for (int i = 0; i < pk.length; i++) {
            if (pk[i] == null) throw new ShardSqlException(ErrorCode.NOT_NULL_VIOLATION,
                    "a primary key column of " + table.name() + " is null");
            ValueCodec.write(w, types.get(i), pk[i]);
        }
        return w.toByteArray();
    }

    /** The key of {@code row} (in {@link TableDef#columns()} order) of a table with a declared primary key. */
    public static byte[] keyOf(TableDef table, Object[] row) {
        return key(table, primaryKeyValues(table, row));
    }

    /** The primary key columns' values of {@code row}, in key column order. */
    public static Object[] primaryKeyValues(TableDef table, Object[] row) {
        List<Integer> pk = table.primaryKey();
        Object[] out = new Object[pk.size()];
        for (int i = 0; i < out.length; i++) out[i] = row[table.position(pk.get(i))];
        return out;
    }

    /** The primary key values a row key holds. */
    public static Object[] primaryKey(TableDef table, byte[] key) {
        KeyReader r = new KeyReader(key);
        int id = r.readId();
        if (id != table.id()) throw new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "key of table " + id
                + " read as " + table.name());
        Object[] pk;
        if (table.hasHiddenRowId()) {
            pk = new Object[] {ValueCodec.read(r, ROW_ID_TYPE)};
        } else {
            List<Integer> keyColumns = table.primaryKey();
            pk = new Object[keyColumns.size()];
            for (int i = 0; i < pk.length; i++) pk[i] = ValueCodec.read(r, table.columnById(keyColumns.get(i)).type());
        }
        r.expectEnd();
        return pk;
    }

    /** The first key of the table's rows (inclusive). */
    public static byte[] tableStart(int tableId) {
        return new KeyWriter(4).writeId(tableId).toByteArray();
    }

    /** The first key after the table's rows (exclusive). */
    public static byte[] tableEnd(int tableId) {
        return KeyRanges.prefixEnd(tableStart(tableId));
    }

    private static List<SqlType> keyTypes(TableDef table) {
        return table.hasHiddenRowId() ? List.of(ROW_ID_TYPE)
                : table.primaryKeyColumns().stream().map(ColumnDef::type).toList();
    }
}
