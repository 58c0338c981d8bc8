package io.shardsql.sql.rows;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.catalog.ValueCodec;
import io.shardsql.storage.EntryFilter;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.keys.KeyReader;
import io.shardsql.storage.keys.KeyWriter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code COUNT}, {@code SUM}, {@code MIN} and {@code MAX}, grouped or not, computed where the rows are:
 * a replica folds each page of a table's rows it scans into one partial result per group
 * ({@link #finishPage}), and only those travel; the engine combines the partials of every page and shard
 * (counts are summed, sums summed, minimums and maximums compared again). The node plugs {@link #compile}
 * into its replicas beside {@link RowFilter} ({@link #isProgram} tells the two apart). The engine folds
 * rows itself with the same code when its transaction has written into the range.
 *
 * <p>Values are read straight from the stored bytes: key columns from the row key, the others from the
 * row value ({@link RowCodec}'s layout; a column a row does not mention reads as its default). A group
 * is the concatenation of its columns' stored encodings ({@link ValueCodec}: one encoding per value, so
 * equal groups have equal bytes).
 *
 * <pre>
 * program := | format (1) = 0x03 | k (2) | k x kind | m (2) | m x column | g (2) | g x slot (2) |
 *            | c (2) | c x ( op (1) | slot (2) ) |
 * kind    := | kind (UTF) | precision (4) | scale (4) |                    (a key column, in key order)
 * column  := | column id (2) | kind | has default (1) [ | length (4) | ValueCodec ] |   (a value column)
 * slot    := 0 .. k-1 the key columns, k .. k+m-1 the value columns; 0xFFFF none (COUNT(*))
 * op      := 1 COUNT(*) | 2 COUNT | 3 SUM | 4 MIN | 5 MAX
 *
 * partial entry: key   := | g x ValueCodec of the group's columns |
 *                value := | c x ValueCodec of each call's state |   (COUNT: BIGINT; SUM: BIGINT for
 *                                                                     integers, DECIMAL; MIN, MAX: the column's)
 * </pre>
 */
public final class PartialAggregation implements EntryFilter {
    private static final byte FORMAT = 0x03;
    private static final int NO_SLOT = 0xFFFF;
    private static final SqlType LONG = SqlType.of(SqlType.Kind.BIGINT);
    private static final SqlType NUMERIC = new SqlType(SqlType.Kind.DECIMAL, 0, 0);

    /** What a call computes. */
    public enum Op {
        COUNT_STAR(1), COUNT(2), SUM(3), MIN(4), MAX(5);

        final int code;

        Op(int code) { this.code = code; }

        static Op of(int code) {
            for (Op op : values()) if (op.code == code) return op;
            throw malformed("unknown aggregate " + code);
        }
    }

    /** One aggregate: {@code column} is a position in the table's columns, -1 for COUNT(*). */
    public record Call(Op op, int column) {}

    /** Whether {@code op} over a column of {@code type} can be computed on the shards exactly as the engine would. */
    public static boolean supports(Op op, SqlType type) {
        return switch (op) {
            case COUNT_STAR, COUNT -> true;
            case SUM -> switch (type.kind()) {
                case SMALLINT, INTEGER, BIGINT, DECIMAL -> true;
                default -> false;
            };
            // Strings compare in Java's UTF-16 order, as Calcite compares them; CHAR pads, floats have NaN.
            case MIN, MAX -> switch (type.kind()) {
                case SMALLINT, INTEGER, BIGINT, DECIMAL, VARCHAR, DATE, TIME, TIMESTAMP -> true;
                default -> false;
            };
        };
    }

    /** Whether rows can be grouped by a column of {@code type} by the bytes it is stored as. */
    public static boolean groupable(SqlType type) {
        return switch (type.kind()) {
            case SMALLINT, INTEGER, BIGINT, DECIMAL, VARCHAR, BOOLEAN, DATE, TIME, TIMESTAMP -> true;
            default -> false; // CHAR compares padded, floating point has -0.0 and NaN
        };
    }

    /** The type a call's partial state is stored as; {@code column} is null for COUNT(*). */
    public static SqlType stateType(Op op, SqlType column) {
        return switch (op) {
            case COUNT_STAR, COUNT -> LONG;
            case SUM -> column.kind() == SqlType.Kind.DECIMAL ? NUMERIC : LONG;
            case MIN, MAX -> column;
        };
    }

    private record ValueColumn(int id, SqlType type, byte[] defaultBytes) {}

    private final SqlType[] keyTypes;
    private final ValueColumn[] valueColumns;
    private final int[] groups;
    private final Op[] ops;
    private final int[] callSlots;
    private final boolean needsKey;

    private PartialAggregation(SqlType[] keyTypes, ValueColumn[] valueColumns, int[] groups, Op[] ops,
                               int[] callSlots) {
        this.keyTypes = keyTypes;
        this.valueColumns = valueColumns;
        this.groups = groups;
        this.ops = ops;
        this.callSlots = callSlots;
        boolean key = false;
        for (int s : groups) key |= s < keyTypes.length;
        for (int s : callSlots) key |= s != NO_SLOT && s < keyTypes.length;
        this.needsKey = key;
    }

    /** The program for grouping {@code table}'s rows by the columns at {@code groups} and computing {@code calls}. */
    public static byte[] program(TableDef table, List<Integer> groups, List<Call> calls) {
        List<ColumnDef> keyColumns = table.primaryKeyColumns();
        List<ColumnDef> valueColumns = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (int g : groups) slots.add(slot(table, g, keyColumns, valueColumns));
        List<Integer> callSlots = new ArrayList<>();
        for (Call c : calls) {
            callSlots.add(c.column() < 0 ? NO_SLOT : slot(table, c.column(), keyColumns, valueColumns));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeShort(keyColumns.size());
            for (ColumnDef c : keyColumns) writeType(out, c.type());
            out.writeShort(valueColumns.size());
            for (ColumnDef c : valueColumns) {
                out.writeShort(c.id());
                writeType(out, c.type());
                out.writeBoolean(c.defaultValue() != null);
                if (c.defaultValue() != null) {
                    byte[] d = ValueCodec.encode(c.type(), c.defaultValue());
                    out.writeInt(d.length);
                    out.write(d);
                }
            }
            out.writeShort(slots.size());
            for (int s : slots) out.writeShort(s);
            out.writeShort(calls.size());
            for (int i = 0; i < calls.size(); i++) {
                out.writeByte(calls.get(i).op().code);
                out.writeShort(callSlots.get(i));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // in memory
        }
        return bytes.toByteArray();
    }

    private static int slot(TableDef table, int position, List<ColumnDef> keyColumns, List<ColumnDef> valueColumns) {
        ColumnDef c = table.columns().get(position);
        int k = keyColumns.indexOf(c);
        if (k >= 0) return k;
        int v = valueColumns.indexOf(c);
        if (v < 0) {
            v = valueColumns.size();
            valueColumns.add(c);
        }
        return keyColumns.size() + v;
    }

    private static void writeType(DataOutputStream out, SqlType t) throws IOException {
        out.writeUTF(t.kind().name());
        out.writeInt(t.precision());
        out.writeInt(t.scale());
    }

    /** Whether {@code program} is one of ours (rather than a {@link RowFilter}'s). */
    public static boolean isProgram(byte[] program) {
        return program.length > 0 && program[0] == FORMAT;
    }

    /** The aggregation a program describes. */
    public static PartialAggregation compile(byte[] program) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(program))) {
            if (in.readByte() != FORMAT) throw malformed("unknown format");
            SqlType[] keyTypes = new SqlType[in.readUnsignedShort()];
            for (int i = 0; i < keyTypes.length; i++) keyTypes[i] = readType(in);
            ValueColumn[] values = new ValueColumn[in.readUnsignedShort()];
            for (int i = 0; i < values.length; i++) {
                int id = in.readUnsignedShort();
                SqlType type = readType(in);
                byte[] d = ValueCodec.encode(type, null);
                if (in.readBoolean()) {
                    int n = in.readInt();
                    if (n < 0 || n > in.available()) throw malformed("default length " + n);
                    d = in.readNBytes(n);
                    ValueCodec.decode(type, d); // must be a value of its type
                }
                values[i] = new ValueColumn(id, type, d);
            }
            int slots = keyTypes.length + values.length;
            int[] groups = new int[in.readUnsignedShort()];
            for (int i = 0; i < groups.length; i++) {
                groups[i] = in.readUnsignedShort();
                if (groups[i] >= slots) throw malformed("group slot " + groups[i]);
            }
            Op[] ops = new Op[in.readUnsignedShort()];
            int[] callSlots = new int[ops.length];
            for (int i = 0; i < ops.length; i++) {
                ops[i] = Op.of(in.readUnsignedByte());
                callSlots[i] = in.readUnsignedShort();
                boolean star = ops[i] == Op.COUNT_STAR;
                if (star != (callSlots[i] == NO_SLOT) || !star && callSlots[i] >= slots) {
                    throw malformed("call slot " + callSlots[i]);
                }
            }
            if (in.available() > 0) throw malformed("trailing bytes");
            return new PartialAggregation(keyTypes, values, groups, ops, callSlots);
        } catch (IOException | IllegalArgumentException e) {
            throw malformed(e.toString());
        }
    }

    private static SqlType readType(DataInputStream in) throws IOException {
        return new SqlType(SqlType.Kind.valueOf(in.readUTF()), in.readInt(), in.readInt());
    }

    @Override
    public boolean keep(byte[] key, byte[] value) {
        return true; // every row counts; what leaves the shard is the fold of the page
    }

    /** Folds rows (table entries) into one partial entry per group, in the order groups first appear. */
    @Override
    public List<KvEntry> finishPage(List<KvEntry> rows) {
        Map<ByteBuffer, Object[]> states = new LinkedHashMap<>();
        int slots = keyTypes.length + valueColumns.length;
        int[] from = new int[slots];
        int[] to = new int[slots];
        byte[][] source = new byte[slots][];
        for (KvEntry row : rows) {
            locate(row.key(), row.value(), from, to, source);
            byte[] group = groupBytes(from, to, source);
            Object[] state = states.computeIfAbsent(ByteBuffer.wrap(group), g -> initial());
            for (int i = 0; i < ops.length; i++) {
                Op op = ops[i];
                if (op == Op.COUNT_STAR) {
                    state[i] = (Long) state[i] + 1;
                    continue;
                }
                int s = callSlots[i];
                Object v = ValueCodec.decode(typeOf(s), Arrays.copyOfRange(source[s], from[s], to[s]));
                if (v != null) state[i] = add(op, state[i], v);
            }
        }
        List<KvEntry> out = new ArrayList<>(states.size());
        long ts = rows.isEmpty() ? 0 : rows.get(0).commitTs();
        for (Map.Entry<ByteBuffer, Object[]> e : states.entrySet()) {
            out.add(new KvEntry(e.getKey().array(), encodeState(e.getValue()), ts));
        }
        return out;
    }

    /** A partial entry as values: the group's columns' values, then each call's state (catalog values). */
    public Object[] decode(KvEntry partial) {
        Object[] out = new Object[groups.length + ops.length];
        KeyReader group = new KeyReader(partial.key());
        for (int i = 0; i < groups.length; i++) out[i] = ValueCodec.read(group, typeOf(groups[i]));
        group.expectEnd();
        KeyReader state = new KeyReader(partial.value());
        for (int i = 0; i < ops.length; i++) {
            out[groups.length + i] = ValueCodec.read(state, stateType(ops[i], ops[i] == Op.COUNT_STAR ? null
                    : typeOf(callSlots[i])));
        }
        state.expectEnd();
        return out;
    }

    private SqlType typeOf(int slot) {
        return slot < keyTypes.length ? keyTypes[slot] : valueColumns[slot - keyTypes.length].type();
    }

    /** Where each slot's stored encoding is: {@code source[s]} from {@code from[s]} to {@code to[s]}. */
    private void locate(byte[] key, byte[] value, int[] from, int[] to, byte[][] source) {
        if (needsKey) {
            KeyReader r = new KeyReader(key);
            r.readId();
            for (int k = 0; k < keyTypes.length; k++) {
                from[k] = r.position();
                ValueCodec.read(r, keyTypes[k]);
                to[k] = r.position();
                source[k] = key;
            }
        }
        for (int v = 0; v < valueColumns.length; v++) {
            int s = keyTypes.length + v;
            source[s] = valueColumns[v].defaultBytes();
            from[s] = 0;
            to[s] = source[s].length;
        }
        try {
            if (value.length < 3 || value[0] != 0x01) throw malformed("unknown row format");
            int n = u16(value, 1);
            int at = 3;
            for (int i = 0; i < n; i++) {
                int id = u16(value, at);
                int length = ByteBuffer.wrap(value, at + 2, 4).getInt();
                at += 6;
                if (length < 0 || at + length > value.length) throw malformed("truncated row");
                for (int v = 0; v < valueColumns.length; v++) {
                    if (valueColumns[v].id() != id) continue;
                    int s = keyTypes.length + v;
                    source[s] = value;
                    from[s] = at;
                    to[s] = at + length;
                }
                at += length;
            }
        } catch (IndexOutOfBoundsException e) {
            throw new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "a stored row is malformed: truncated row");
        }
    }

    private byte[] groupBytes(int[] from, int[] to, byte[][] source) {
        if (groups.length == 0) return new byte[0];
        int size = 0;
        for (int s : groups) size += to[s] - from[s];
        byte[] out = new byte[size];
        int at = 0;
        for (int s : groups) {
            System.arraycopy(source[s], from[s], out, at, to[s] - from[s]);
            at += to[s] - from[s];
        }
        return out;
    }

    private Object[] initial() {
        Object[] state = new Object[ops.length];
        for (int i = 0; i < ops.length; i++) {
            state[i] = ops[i] == Op.COUNT_STAR || ops[i] == Op.COUNT ? Long.valueOf(0) : null;
        }
        return state;
    }

    private static Object add(Op op, Object state, Object v) {
        return switch (op) {
            case COUNT -> (Long) state + 1;
            case SUM -> state == null ? v : sum(state, v);
            case MIN -> state == null || compare(v, state) < 0 ? v : state;
            case MAX -> state == null || compare(v, state) > 0 ? v : state;
            case COUNT_STAR -> throw new IllegalStateException("COUNT(*) takes no value");
        };
    }

    private static Object sum(Object a, Object b) {
        if (a instanceof Long x) {
            try {
                return Math.addExact(x, (Long) b);
            } catch (ArithmeticException e) {
                throw new ShardSqlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
            }
        }
        return ((BigDecimal) a).add((BigDecimal) b);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    private byte[] encodeState(Object[] state) {
        KeyWriter w = new KeyWriter(16 * Math.max(1, ops.length));
        for (int i = 0; i < ops.length; i++) {
            ValueCodec.write(w, stateType(ops[i], ops[i] == Op.COUNT_STAR ? null : typeOf(callSlots[i])), state[i]);
        }
        return w.toByteArray();
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static ShardSqlException malformed(String what) {
        return new ShardSqlException(ErrorCode.BAD_COMMAND, "malformed partial aggregation: " + what);
    }
}
