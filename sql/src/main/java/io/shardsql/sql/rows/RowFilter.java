package io.shardsql.sql.rows;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.ValueCodec;
import io.shardsql.storage.EntryFilter;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A WHERE pushed down to the shards: a conjunction of disjunctions of simple tests on non-key columns,
 * which a replica runs over the stored values of the rows it scans ({@link RowCodec}'s layout), so rows
 * that fail it never leave the shard. The engine writes the program when a scan starts (parameters
 * bound) and sends it with every page request; the node plugs {@link #compile} into its replicas
 * ({@link io.shardsql.storage.raft.machine.ScanFilters}). Only a pre-filter: the engine applies the whole WHERE
 * again above the scan.
 *
 * <p>Three-valued logic: a test on NULL is unknown and the row is dropped. Without NOT, a row the
 * WHERE would keep never has an unknown test decide against it: unknown-as-false only matters where
 * the WHERE says false or unknown, both of which drop the row.
 *
 * <p>It may also project: the values it keeps then go back with only the named columns (a row the
 * scan does not need whole crosses no more than it must). The engine decodes such a value as any
 * other: the columns it did not ask for read as their defaults, and it never looks at them.
 *
 * <pre>
 * program := | format (1) = 0x02 | c (2) | c x column | t (2) | t x term | projection |
 * projection := | 0 (1) |  (whole values)   or   | 1 (1) | p (2) | p x column id (2) |
 * column  := | column id (2) | kind (UTF) | precision (4) | scale (4) | has default (1)
 *            [ | default length (4) | ValueCodec | ] |
 * term    := | a (2) | a x atom |                  (a term holds if one of its atoms does; the row passes if
 *                                                   every term holds)
 * atom    := | op (1) | column index (2) | [ value length (4) | ValueCodec of the column's type ] |
 * op      := 1 '=' | 2 '&lt;&gt;' | 3 '&lt;' | 4 '&lt;=' | 5 '&gt;' | 6 '&gt;=' (with a value)
 *            | 7 IS NULL | 8 IS NOT NULL
 * </pre>
 */
public final class RowFilter implements EntryFilter {
    private static final byte FORMAT = 0x02;

    /** What an atom tests. */
    public enum Op {
        EQ(1), NE(2), LT(3), LE(4), GT(5), GE(6), IS_NULL(7), IS_NOT_NULL(8);

        final int code;

        Op(int code) { this.code = code; }

        boolean takesValue() { return this != IS_NULL && this != IS_NOT_NULL; }

        static Op of(int code) {
            for (Op op : values()) if (op.code == code) return op;
            throw malformed("unknown operator " + code);
        }
    }

    /** The column kinds a program may test: those whose stored values compare as SQL compares them. */
    public static boolean testable(SqlType type) {
        return switch (type.kind()) {
            case SMALLINT, INTEGER, BIGINT, DECIMAL, DOUBLE, VARCHAR, BOOLEAN, DATE, TIME, TIMESTAMP -> true;
            // CHAR compares blank-padded, REAL as Calcite widens it, VARBINARY as ByteString: not here.
            default -> false;
        };
    }

    /**
     * A tested column: its default's encoding (for rows written before it was added), how NULL is
     * encoded, and whether its encodings compare bytewise as its values do.
     */
    private record Column(int id, SqlType type, byte[] defaultBytes, byte[] nullBytes, boolean bytewise) {}

    /** A test; {@code value} and its encoding {@code bytes} are null for IS [NOT] NULL. */
    private record Atom(Op op, int column, Object value, byte[] bytes) {}

    private final Column[] columns;
    private final Atom[][] terms;
    /** The column ids a kept value keeps, sorted; null keeps values whole. */
    private final int[] projection;

    private RowFilter(Column[] columns, Atom[][] terms, int[] projection) {
        this.columns = columns;
        this.terms = terms;
        this.projection = projection;
    }

    /** Writes a program; values are catalog values of their column's type. */
    public static final class Builder {
        private final List<ColumnDef> columns = new ArrayList<>();
        private final List<List<Atom>> terms = new ArrayList<>();
        private List<Atom> term;
        private int[] projection;

        /** Starts the next term (atoms added from now on are ORed together). */
        public Builder term() {
            term = new ArrayList<>();
            terms.add(term);
            return this;
        }

        public Builder atom(ColumnDef column, Op op, Object value) {
            if (term == null) throw new IllegalStateException("start a term first");
            if (!testable(column.type())) throw new IllegalArgumentException("column " + column.name()
                    + " cannot be tested on a shard");
            if (op.takesValue() && value == null) throw new IllegalArgumentException(
                    "a comparison with NULL is never true; leave the row out");
            int index = columns.indexOf(column);
            if (index < 0) {
                index = columns.size();
                columns.add(column);
            }
            term.add(new Atom(op, index, value, null));
            return this;
        }

        /** Kept values go back with only these (non-key) columns. */
        public Builder project(List<ColumnDef> kept) {
            projection = kept.stream().mapToInt(ColumnDef::id).sorted().distinct().toArray();
            return this;
        }

        /** Neither a test nor a projection: the program would change nothing. */
        public boolean isEmpty() { return terms.isEmpty() && projection == null; }

        public byte[] build() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(FORMAT);
                out.writeShort(columns.size());
                for (ColumnDef c : columns) {
                    out.writeShort(c.id());
                    out.writeUTF(c.type().kind().name());
                    out.writeInt(c.type().precision());
                    out.writeInt(c.type().scale());
                    out.writeBoolean(c.defaultValue() != null);
                    if (c.defaultValue() != null) writeValue(out, c.type(), c.defaultValue());
                }
                out.writeShort(terms.size());
                for (List<Atom> t : terms) {
                    out.writeShort(t.size());
                    for (Atom a : t) {
                        out.writeByte(a.op().code);
                        out.writeShort(a.column());
                        if (a.op().takesValue()) writeValue(out, columns.get(a.column()).type(), a.value());
                    }
                }
                out.writeBoolean(projection != null);
                if (projection != null) {
                    out.writeShort(projection.length);
                    for (int id : projection) out.writeShort(id);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e); // in memory
            }
            return bytes.toByteArray();
        }

        private static void writeValue(DataOutputStream out, SqlType type, Object value) throws IOException {
            byte[] v = ValueCodec.encode(type, value);
            out.writeInt(v.length);
            out.write(v);
        }
    }

    /** The filter a program describes (what a replica runs). */
    public static RowFilter compile(byte[] program) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(program))) {
            if (in.readByte() != FORMAT) throw malformed("unknown format");
            Column[] columns = new Column[in.readUnsignedShort()];
            for (int i = 0; i < columns.length; i++) {
                int id = in.readUnsignedShort();
                SqlType type = new SqlType(SqlType.Kind.valueOf(in.readUTF()), in.readInt(), in.readInt());
                if (!testable(type)) throw malformed("column kind " + type + " cannot be tested");
                Object def = in.readBoolean() ? readValue(in, type) : null;
                columns[i] = new Column(id, type, ValueCodec.encode(type, def), ValueCodec.encode(type, null),
                        bytewise(type));
            }
            Atom[][] terms = new Atom[in.readUnsignedShort()][];
            for (int t = 0; t < terms.length; t++) {
                terms[t] = new Atom[in.readUnsignedShort()];
                for (int a = 0; a < terms[t].length; a++) {
                    Op op = Op.of(in.readUnsignedByte());
                    int column = in.readUnsignedShort();
                    if (column >= columns.length) throw malformed("column index " + column + " out of range");
                    Object value = op.takesValue() ? readValue(in, columns[column].type()) : null;
                    terms[t][a] = new Atom(op, column, value, value == null ? null
                            : ValueCodec.encode(columns[column].type(), value));
                }
            }
            int[] projection = null;
            if (in.readBoolean()) {
                projection = new int[in.readUnsignedShort()];
                for (int i = 0; i < projection.length; i++) projection[i] = in.readUnsignedShort();
                Arrays.sort(projection);
            }
            if (in.available() > 0) throw malformed("trailing bytes");
            return new RowFilter(columns, terms, projection);
        } catch (IOException | IllegalArgumentException e) {
            throw malformed(e.toString());
        }
    }

    private static Object readValue(DataInputStream in, SqlType type) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) throw malformed("value length " + length);
        byte[] v = new byte[length];
        in.readFully(v);
        return ValueCodec.decode(type, v);
    }

    /**
     * Integers, booleans, dates, times and timestamps have one encoding per value, ordered as the values
     * are (the key encoding), so their tests compare bytes; the other kinds are decoded first (decimals,
     * doubles with SQL's NaN, strings in Java's UTF-16 order as Calcite compares them).
     */
    private static boolean bytewise(SqlType type) {
        return switch (type.kind()) {
            case SMALLINT, INTEGER, BIGINT, BOOLEAN, DATE, TIME, TIMESTAMP -> true;
            default -> false;
        };
    }

    @Override
    public boolean keep(byte[] key, byte[] value) {
        // Where each tested column's encoding sits in the value: offset and end, or -1 (not there: its default).
        int[] from = new int[columns.length];
        int[] to = new int[columns.length];
        Arrays.fill(from, -1);
        int at = 1; // after the format byte, which RowCodec checks when the engine decodes the row
        try {
            int n = u16(value, at);
            at += 2;
            for (int i = 0; i < n; i++) {
                int id = u16(value, at);
                int length = (value[at + 2] & 0xff) << 24 | (value[at + 3] & 0xff) << 16 | (value[at + 4] & 0xff) << 8
                        | (value[at + 5] & 0xff);
                at += 6;
                if (length < 0 || at + length > value.length) return true; // malformed: the engine reports it
                int c = indexOf(id);
                if (c >= 0) {
                    from[c] = at;
                    to[c] = at + length;
                }
                at += length;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return true; // malformed: the engine decodes the row and reports it
        }
        for (Atom[] term : terms) {
            boolean holds = false;
            for (Atom a : term) {
                Column c = columns[a.column()];
                byte[] bytes = from[a.column()] < 0 ? c.defaultBytes() : value;
                int start = from[a.column()] < 0 ? 0 : from[a.column()];
                int end = from[a.column()] < 0 ? bytes.length : to[a.column()];
                if (test(a, c, bytes, start, end)) {
                    holds = true;
                    break;
                }
            }
            if (!holds) return false;
        }
        return true;
    }

    /**
     * {@code value} with only the projected columns, in {@link RowCodec}'s layout (whole if there is no
     * projection).
     */
    @Override
    public byte[] shape(byte[] value) {
        if (projection == null) return value;
        try {
            int n = u16(value, 1);
            int at = 3;
            int kept = 0;
            int size = 3;
            int[] starts = new int[n];
            int[] ends = new int[n];
            for (int i = 0; i < n; i++) {
                int id = u16(value, at);
                int length = (value[at + 2] & 0xff) << 24 | (value[at + 3] & 0xff) << 16 | (value[at + 4] & 0xff) << 8
                        | (value[at + 5] & 0xff);
                int end = at + 6 + length;
                // malformed: the engine decodes it whole and reports it
                if (length < 0 || end > value.length) return value;
                if (Arrays.binarySearch(projection, id) >= 0) {
                    starts[kept] = at;
                    ends[kept] = end;
                    kept++;
                    size += end - at;
                }
                at = end;
            }
            if (kept == n) return value;
            byte[] out = new byte[size];
            out[0] = value[0];
            out[1] = (byte) (kept >>> 8);
            out[2] = (byte) kept;
            int to = 3;
            for (int k = 0; k < kept; k++) {
                System.arraycopy(value, starts[k], out, to, ends[k] - starts[k]);
                to += ends[k] - starts[k];
            }
            return out;
        } catch (ArrayIndexOutOfBoundsException e) {
            return value;
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private int indexOf(int columnId) {
        for (int i = 0; i < columns.length; i++) if (columns[i].id() == columnId) return i;
        return -1;
    }

    private static boolean test(Atom a, Column c, byte[] b, int from, int to) {
        boolean isNull = Arrays.equals(b, from, to, c.nullBytes(), 0, c.nullBytes().length);
        return switch (a.op()) {
            case IS_NULL -> isNull;
            case IS_NOT_NULL -> !isNull;
            default -> !isNull && (c.bytewise()
                    ? holds(a.op(), Arrays.compareUnsigned(b, from, to, a.bytes(), 0, a.bytes().length))
                    : compares(a.op(), ValueCodec.decode(c.type(), Arrays.copyOfRange(b, from, to)), a.value()));
        };
    }

    private static boolean holds(Op op, int c) {
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            default -> throw new IllegalStateException(op.name());
        };
    }

    private static boolean compares(Op op, Object v, Object x) {
        if (v instanceof Double d) {
            double l = d, r = (Double) x; // as Calcite's generated code compares doubles: NaN is unordered
            return switch (op) {
                case EQ -> l == r;
                case NE -> l != r;
                case LT -> l < r;
                case LE -> l <= r;
                case GT -> l > r;
                case GE -> l >= r;
                default -> throw new IllegalStateException(op.name());
            };
        }
        return holds(op, compare(v, x));
    }

    private static int compare(Object v, Object x) {
        if (v instanceof Long l) return Long.compare(l, (Long) x);
        if (v instanceof BigDecimal d) return d.compareTo((BigDecimal) x);
        if (v instanceof String s) return s.compareTo((String) x);
        if (v instanceof Boolean b) return Boolean.compare(b, (Boolean) x);
        if (v instanceof LocalDate d) return d.compareTo((LocalDate) x);
        if (v instanceof LocalTime t) return t.compareTo((LocalTime) x);
        if (v instanceof LocalDateTime t) return t.compareTo((LocalDateTime) x);
        throw new IllegalStateException("no comparison for " + v.getClass().getSimpleName());
    }

    private static ShardSqlException malformed(String what) {
        return new ShardSqlException(ErrorCode.BAD_COMMAND, "malformed row filter: " + what);
    }
}
