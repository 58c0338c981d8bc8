package io.shardsql.sql.rows;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.catalog.ValueCodec;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Row values: the non-key columns, each under its column id, so that adding or dropping a column never
 * rewrites stored rows — a column a row does not mention reads as its default, and an id the table no
 * longer has is skipped.
 *
 * <pre>
 * | format (1) = 0x01 | n (2) | n x ( column id (2) | length (4) | value (ValueCodec) ) |
 * </pre>
 *
 * A row is an {@code Object[]} in the order of {@link TableDef#columns()}; the primary key columns come
 * from the row key ({@link RowKeys}).
 */
public final class RowCodec {
    private static final byte FORMAT = 0x01;

    private RowCodec() {}

    public static byte[] encode(TableDef table, Object[] row) {
        List<ColumnDef> cols = table.columns();
        List<byte[]> values = new ArrayList<>(cols.size());
        int size = 3;
        for (int i = 0; i < cols.size(); i++) {
            if (table.primaryKey().contains(cols.get(i).id())) {
                values.add(null);
                continue;
            }
            byte[] v = ValueCodec.encode(cols.get(i).type(), row[i]);
            values.add(v);
            size += 6 + v.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(FORMAT)
                .putShort((short) values.stream().filter(v -> v != null).count());
        for (int i = 0; i < cols.size(); i++) {
            if (values.get(i) != null) out.putShort((short) cols.get(i).id()).putInt(values.get(i).length)
                    .put(values.get(i));
        }
        return out.array();
    }

    /**
     * Whether the stored row value {@code value} holds a value for column {@code columnId} (a row written
     * before the column was added does not, and reads its default).
     */
    public static boolean mentions(byte[] value, int columnId) {
        ByteBuffer in = ByteBuffer.wrap(value);
        in.get();
        int n = Short.toUnsignedInt(in.getShort());
        for (int i = 0; i < n; i++) {
            if (Short.toUnsignedInt(in.getShort()) == columnId) return true;
            int length = in.getInt();
            in.position(in.position() + length);
        }
        return false;
    }

    /** The row stored under {@code key} with value {@code value}. */
    public static Object[] decode(TableDef table, byte[] key, byte[] value) {
        List<ColumnDef> cols = table.columns();
        Object[] row = new Object[cols.size()];
        boolean[] seen = new boolean[cols.size()];
        try {
            ByteBuffer in = ByteBuffer.wrap(value);
            if (in.get() != FORMAT) throw corrupted(table, "unknown row format");
            int n = Short.toUnsignedInt(in.getShort());
            for (int i = 0; i < n; i++) {
                int columnId = Short.toUnsignedInt(in.getShort());
                byte[] v = new byte[in.getInt()];
                in.get(v);
                int pos = positionOrMinusOne(table, columnId);
                if (pos < 0) continue; // a dropped column
                row[pos] = ValueCodec.decode(cols.get(pos).type(), v);
                seen[pos] = true;
            }
            if (in.hasRemaining()) throw corrupted(table, "trailing bytes");
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw corrupted(table, "truncated row");
        }
        Object[] pk = RowKeys.primaryKey(table, key);
        if (!table.hasHiddenRowId()) {
            for (int i = 0; i < pk.length; i++) {
                int pos = table.position(table.primaryKey().get(i));
                row[pos] = pk[i];
                seen[pos] = true;
            }
        }
        for (int i = 0; i < row.length; i++) {
            if (!seen[i]) row[i] = cols.get(i).defaultValue(); // added after the row was written
        }
        return row;
    }

    private static int positionOrMinusOne(TableDef table, int columnId) {
        List<ColumnDef> cols = table.columns();
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).id() == columnId) return i;
        }
        return -1;
    }

    private static ShardSqlException corrupted(TableDef table, String what) {
        return new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "a stored row of " + table.name()
                + " is malformed: " + what);
    }
}
