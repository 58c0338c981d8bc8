package io.shardsql.sql.catalog;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.keys.KeyOrder;
import io.shardsql.storage.keys.KeyReader;
import io.shardsql.storage.keys.KeyWriter;

/**
 * One value of a {@link SqlType} as bytes: the ascending key encoding of {@code io.shardsql.storage.keys}
 * (tag + payload, a NULL is its own tag), so values in rows, keys and the catalog share one
 * well-tested format.
 */
public final class ValueCodec {
    private ValueCodec() {}

    public static void write(KeyWriter w, SqlType type, Object value) {
        write(w, type, value, KeyOrder.ASC);
    }

    /** Appends the value as a key component in {@code order} (an index column declared DESC, say). */
    public static void write(KeyWriter w, SqlType type, Object value, KeyOrder order) {
        if (value == null) {
            w.writeNull(order);
        } else {
            w.write(type.keyType(), value, order);
        }
    }

    public static Object read(KeyReader r, SqlType type) {
        return read(r, type, KeyOrder.ASC);
    }

    /** Reads a key component written in {@code order}. */
    public static Object read(KeyReader r, SqlType type, KeyOrder order) {
        if (r.readNull(order)) return null;
        return r.read(type.keyType(), order);
    }

    public static byte[] encode(SqlType type, Object value) {
        KeyWriter w = new KeyWriter(16);
        write(w, type, value);
        return w.toByteArray();
    }

    public static Object decode(SqlType type, byte[] bytes) {
        try {
            KeyReader r = new KeyReader(bytes);
            Object v = read(r, type);
            r.expectEnd();
            return v;
        } catch (ShardSqlException e) {
            throw new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "stored " + type + " value is malformed: "
                    + e.getMessage(), e);
        }
    }
}
