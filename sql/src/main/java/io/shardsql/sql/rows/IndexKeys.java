package io.shardsql.sql.rows;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.catalog.ValueCodec;
import io.shardsql.storage.keys.KeyRanges;
import io.shardsql.storage.keys.KeyReader;
import io.shardsql.storage.keys.KeyWriter;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Secondary-index entries. An entry's key starts with the index id, then the indexed columns in the
 * key encoding of row keys, each in the order the index declares for it ({@link IndexDef#orders()}: ASC
 * NULLS LAST unless declared otherwise; a DESC column's payload is the ASC payload with its bits
 * inverted), so the entries' byte order is the index's declared order and an equality on a prefix of
 * the indexed columns is one key range. The primary key ({@code pk}) is the row key without its table id:
 * {@code row key = | table id (4) | pk |}.
 *
 * <pre>
 * unique index, no NULL among the indexed values:
 *     key   = | index id (4, BE) | col 1 | ... | col n |
 *     value = | pk |                       one entry per value: a second row with it collides on the key
 * non-unique index, or a unique index entry holding a NULL (NULLs never collide, SQL standard):
 *     key   = | index id (4, BE) | col 1 | ... | col n | pk |
 *     value = | |                          (empty)
 * </pre>
 *
 * <p>A reader tells the two forms apart without the catalog: bytes after the last indexed column mean
 * the pk is in the key, otherwise it is the value ({@link #rowKey}). Entries are partitioned over the
 * shards by their key like rows, so maintaining an index is usually a multi-shard write.
 */
public final class IndexKeys {
    private IndexKeys() {}

    /** One index entry. */
    public record Entry(byte[] key, byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && Arrays.equals(key, e.key) && Arrays.equals(value, e.value);
        }

        @Override
        public int hashCode() { return 31 * Arrays.hashCode(key) + Arrays.hashCode(value); }

        @Override
        public String toString() { return "Entry[" + Arrays.toString(key) + "]"; }
    }

    /** The values of the indexed columns of {@code row} (a row in {@link TableDef#columns()} order), in index order. */
    public static Object[] values(TableDef table, IndexDef index, Object[] row) {
        List<Integer> cols = index.columnIds();
        Object[] out = new Object[cols.size()];
        for (int i = 0; i < out.length; i++) out[i] = row[table.position(cols.get(i))];
        return out;
    }

    /** Whether the entry of these indexed values keeps the pk in its value (unique, no NULL) rather than in its key. */
    public static boolean pkInValue(IndexDef index, Object[] values) {
        if (!index.unique()) return false;
        for (Object v : values) if (v == null) return false;
        return true;
    }

    /** The entry of the row stored under {@code rowKey}. */
    public static Entry entry(TableDef table, IndexDef index, Object[] row, byte[] rowKey) {
        Object[] values = values(table, index, row);
        byte[] pk = Arrays.copyOfRange(rowKey, 4, rowKey.length);
        byte[] prefix = prefix(table, index, values);
        if (pkInValue(index, values)) return new Entry(prefix, pk);
        return new Entry(ByteBuffer.allocate(prefix.length + pk.length).put(prefix).put(pk).array(), new byte[0]);
    }

    /**
     * {@code | index id | values... |} for the first {@code values.length} indexed columns: the start of the
     * range of entries whose leading columns equal {@code values} (see {@link #prefixEnd}).
     */
    public static byte[] prefix(TableDef table, IndexDef index, Object... values) {
        if (values.length > index.columnIds().size()) {
            throw new IllegalArgumentException("index " + index.name() + " has " + index.columnIds().size()
                    + " columns, got " + values.length);
        }
        KeyWriter w = new KeyWriter(32).writeId(index.id());
        for (int i = 0; i < values.length; i++) {
            ValueCodec.write(w, table.columnById(index.columnIds().get(i)).type(), values[i], index.order(i));
        }
        return w.toByteArray();
    }

    /** The exclusive end of the range that starts at {@code prefix}. */
    public static byte[] prefixEnd(byte[] prefix) {
        return KeyRanges.prefixEnd(prefix);
    }

    /** The first key of the index's entries. */
    public static byte[] indexStart(int indexId) {
        return new KeyWriter(4).writeId(indexId).toByteArray();
    }

    /** The first key after the index's entries. */
    public static byte[] indexEnd(int indexId) {
        return KeyRanges.prefixEnd(indexStart(indexId));
    }

    /** The indexed values an entry key holds, in index order. */
    public static Object[] decodeValues(TableDef table, IndexDef index, byte[] entryKey) {
        KeyReader r = reader(index, entryKey);
        Object[] out = new Object[index.columnIds().size()];
        for (int i = 0; i < out.length; i++) out[i] = ValueCodec.read(r,
                table.columnById(index.columnIds().get(i)).type(), index.order(i));
        return out;
    }

    /** The key of the row an entry points to (for index scans: entry → row). */
    public static byte[] rowKey(TableDef table, IndexDef index, byte[] entryKey, byte[] entryValue) {
        KeyReader r = reader(index, entryKey);
        for (int i = 0; i < index.columnIds().size(); i++) {
            ValueCodec.read(r, table.columnById(index.columnIds().get(i)).type(), index.order(i));
        }
        byte[] pk = r.hasRemaining() ? Arrays.copyOfRange(entryKey, r.position(), entryKey.length)
                : Objects.requireNonNull(entryValue);
        if (pk.length == 0) {
            throw new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "entry of index " + index.name()
                    + " names no row");
        }
        byte[] tableId = RowKeys.tableStart(table.id());
        return ByteBuffer.allocate(tableId.length + pk.length).put(tableId).put(pk).array();
    }

    private static KeyReader reader(IndexDef index, byte[] entryKey) {
        KeyReader r = new KeyReader(entryKey);
        int id = r.readId();
        if (id != index.id()) {
            throw new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "entry of index " + id + " read as index "
                    + index.name());
        }
        return r;
    }
}
