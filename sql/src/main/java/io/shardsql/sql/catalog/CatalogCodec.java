package io.shardsql.sql.catalog;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.keys.KeyOrder;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Table definitions as stored in the catalog (value of {@code \0sys/catalog/table/<name>}).
 *
 * <pre>
 * table  := | format (1) = 2, 3 or 4 | id (4) | name (UTF) | nextColumnId (4) |
 *           | columns n (2) | n x column | pk n (2) | n x column id (2) | indexes n (2) | n x index |
 *           | [format 3, 4: checks n (2) | n x check] | [format 4: foreign keys n (2) | n x fk] |
 * column := | id (2) | name (UTF) | kind (UTF) | precision (4) | scale (4) | nullable (1) |
 *           | default length (4) | default (ValueCodec) | expr (1): 0 none, else DefaultExpr.Kind ordinal + 1 |
 *           | [expr argument (UTF)] | identity (1): ColumnDef.Identity ordinal |
 *           (format 1, still read, ends a column after its default)
 * index  := | id (4) | name (UTF) | flags (1) | state (UTF) | columns n (2) | n x column id (2) |
 *           | [format 3, 4: constraint (1)] | [flags bit 1: n x order (1)] |
 * flags  := bit 0 unique, bit 1 the columns' orders follow (an index with a DESC or NULLS FIRST column);
 *           an index whose columns are all ASC has no bit 1, so its flags byte is the old unique boolean
 * order  := bit 0 descending, bit 1 NULLS FIRST (ASC = 0x00, DESC = 0x03, ASC NULLS FIRST = 0x02,
 *           DESC NULLS LAST = 0x01)
 * check  := | name (UTF) | expression length (4) | expression (UTF-8) | columns n (2) | n x column id (2) |
 * fk     := | name (UTF) | columns n (2) | n x column id (2) | parent table id (4) | n x parent column id (2) |
 *           | on delete (1) | on update (1) |               (ForeignKeyDef.Action ordinals)
 * UTF    := Java's modified UTF-8 with a 2-byte length (DataOutput.writeUTF)
 * </pre>
 *
 * A table without constraints (no CHECK, no index of a UNIQUE constraint) is written in format 2, so its
 * bytes are what they were before constraints existed; format 3 only where it is needed, and format 4 only
 * for a table with a FOREIGN KEY (a table without one is byte for byte what it was before foreign keys).
 * Likewise an index without directions encodes byte for byte as before directions existed: the orders are
 * an index-local flag, independent of the table's format.
 */
public final class CatalogCodec {
    private static final int FORMAT_WITH_FOREIGN_KEYS = 4;
    private static final int FORMAT_WITH_CONSTRAINTS = 3;
    private static final int FORMAT = 2;
    private static final int FORMAT_WITHOUT_EXPRESSIONS = 1;
    private static final int UNIQUE_FLAG = 0x01;
    private static final int ORDERS_FLAG = 0x02;
    private static final int ORDER_DESC = 0x01;
    private static final int ORDER_NULLS_FIRST = 0x02;

    private CatalogCodec() {}

    public static byte[] encode(TableDef t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            int format = !t.foreignKeys().isEmpty() ? FORMAT_WITH_FOREIGN_KEYS
                    : hasConstraints(t) ? FORMAT_WITH_CONSTRAINTS : FORMAT;
            out.writeByte(format);
            out.writeInt(t.id());
            out.writeUTF(t.name());
            out.writeInt(t.nextColumnId());
            out.writeShort(t.columns().size());
            for (ColumnDef c : t.columns()) writeColumn(out, c);
            out.writeShort(t.primaryKey().size());
            for (int id : t.primaryKey()) out.writeShort(id);
            out.writeShort(t.indexes().size());
            for (IndexDef ix : t.indexes()) writeIndex(out, ix, format);
            if (format >= FORMAT_WITH_CONSTRAINTS) {
                out.writeShort(t.checks().size());
                for (CheckDef c : t.checks()) writeCheck(out, c);
            }
            if (format == FORMAT_WITH_FOREIGN_KEYS) {
                out.writeShort(t.foreignKeys().size());
                for (ForeignKeyDef f : t.foreignKeys()) writeForeignKey(out, f);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    public static TableDef decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
            int format = in.readUnsignedByte();
            if (format < FORMAT_WITHOUT_EXPRESSIONS || format > FORMAT_WITH_FOREIGN_KEYS) {
                throw corrupted("unknown format");
            }
            int id = in.readInt();
            String name = in.readUTF();
            int nextColumnId = in.readInt();
            int nc = in.readUnsignedShort();
            List<ColumnDef> columns = new ArrayList<>(nc);
            for (int i = 0; i < nc; i++) columns.add(readColumn(in, format));
            int npk = in.readUnsignedShort();
            List<Integer> pk = new ArrayList<>(npk);
            for (int i = 0; i < npk; i++) pk.add(in.readUnsignedShort());
            int ni = in.readUnsignedShort();
            List<IndexDef> indexes = new ArrayList<>(ni);
            for (int i = 0; i < ni; i++) indexes.add(readIndex(in, format));
            List<CheckDef> checks = new ArrayList<>();
            if (format >= FORMAT_WITH_CONSTRAINTS) {
                int nChecks = in.readUnsignedShort();
                for (int i = 0; i < nChecks; i++) checks.add(readCheck(in));
            }
            List<ForeignKeyDef> foreignKeys = new ArrayList<>();
            if (format == FORMAT_WITH_FOREIGN_KEYS) {
                int nKeys = in.readUnsignedShort();
                for (int i = 0; i < nKeys; i++) foreignKeys.add(readForeignKey(in));
            }
            if (in.available() > 0) throw corrupted("trailing bytes");
            return new TableDef(id, name, columns, pk, indexes, nextColumnId, checks, foreignKeys);
        } catch (IOException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw corrupted(e.toString());
        }
    }

    private static void writeColumn(DataOutputStream out, ColumnDef c) throws IOException {
        out.writeShort(c.id());
        out.writeUTF(c.name());
        out.writeUTF(c.type().kind().name());
        out.writeInt(c.type().precision());
        out.writeInt(c.type().scale());
        out.writeBoolean(c.nullable());
        byte[] def = ValueCodec.encode(c.type(), c.defaultValue());
        out.writeInt(def.length);
        out.write(def);
        DefaultExpr expr = c.defaultExpr();
        out.writeByte(expr == null ? 0 : expr.kind().ordinal() + 1);
        if (expr != null) out.writeUTF(expr.argument());
        out.writeByte(c.identity().ordinal());
    }

    private static ColumnDef readColumn(DataInputStream in, int format) throws IOException {
        int id = in.readUnsignedShort();
        String name = in.readUTF();
        SqlType type = new SqlType(SqlType.Kind.valueOf(in.readUTF()), in.readInt(), in.readInt());
        boolean nullable = in.readBoolean();
        byte[] def = in.readNBytes(in.readInt());
        Object value = ValueCodec.decode(type, def);
        if (format == FORMAT_WITHOUT_EXPRESSIONS) return new ColumnDef(id, name, type, nullable, value);
        int kind = in.readUnsignedByte();
        DefaultExpr expr = kind == 0 ? null : new DefaultExpr(DefaultExpr.Kind.values()[kind - 1], in.readUTF());
        ColumnDef.Identity identity = ColumnDef.Identity.values()[in.readUnsignedByte()];
        return new ColumnDef(id, name, type, nullable, value, expr, identity);
    }

    private static boolean hasConstraints(TableDef t) {
        return !t.checks().isEmpty() || t.indexes().stream().anyMatch(IndexDef::constraint);
    }

    private static void writeCheck(DataOutputStream out, CheckDef c) throws IOException {
        out.writeUTF(c.name());
        byte[] expression = c.expression().getBytes(StandardCharsets.UTF_8);
        out.writeInt(expression.length);
        out.write(expression);
        out.writeShort(c.columnIds().size());
        for (int id : c.columnIds()) out.writeShort(id);
    }

    private static CheckDef readCheck(DataInputStream in) throws IOException {
        String name = in.readUTF();
        int length = in.readInt();
        if (length < 0 || length > in.available()) throw corrupted("check expression length " + length);
        String expression = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        int n = in.readUnsignedShort();
        List<Integer> cols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) cols.add(in.readUnsignedShort());
        return new CheckDef(name, expression, cols);
    }

    private static void writeForeignKey(DataOutputStream out, ForeignKeyDef f) throws IOException {
        out.writeUTF(f.name());
        out.writeShort(f.columnIds().size());
        for (int id : f.columnIds()) out.writeShort(id);
        out.writeInt(f.parentTableId());
        for (int id : f.parentColumnIds()) out.writeShort(id);
        out.writeByte(f.onDelete().ordinal());
        out.writeByte(f.onUpdate().ordinal());
    }

    private static ForeignKeyDef readForeignKey(DataInputStream in) throws IOException {
        String name = in.readUTF();
        int n = in.readUnsignedShort();
        List<Integer> cols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) cols.add(in.readUnsignedShort());
        int parent = in.readInt();
        List<Integer> parentCols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) parentCols.add(in.readUnsignedShort());
        ForeignKeyDef.Action[] actions = ForeignKeyDef.Action.values();
        ForeignKeyDef.Action onDelete = actions[in.readUnsignedByte()];
        ForeignKeyDef.Action onUpdate = actions[in.readUnsignedByte()];
        return new ForeignKeyDef(name, cols, parent, parentCols, onDelete, onUpdate);
    }

    private static void writeIndex(DataOutputStream out, IndexDef ix, int format) throws IOException {
        out.writeInt(ix.id());
        out.writeUTF(ix.name());
        boolean withOrders = !ix.allAscending();
        out.writeByte((ix.unique() ? UNIQUE_FLAG : 0) | (withOrders ? ORDERS_FLAG : 0));
        out.writeUTF(ix.state().name());
        out.writeShort(ix.columnIds().size());
        for (int c : ix.columnIds()) out.writeShort(c);
        if (format >= FORMAT_WITH_CONSTRAINTS) out.writeBoolean(ix.constraint());
        if (withOrders) {
            for (KeyOrder o : ix.orders()) {
                out.writeByte((o.isDescending() ? ORDER_DESC : 0) | (o.nullsFirst() ? ORDER_NULLS_FIRST : 0));
            }
        }
    }

    private static IndexDef readIndex(DataInputStream in, int format) throws IOException {
        int id = in.readInt();
        String name = in.readUTF();
        int flags = in.readUnsignedByte();
        if ((flags & ~(UNIQUE_FLAG | ORDERS_FLAG)) != 0) throw corrupted("index flags " + flags);
        boolean unique = (flags & UNIQUE_FLAG) != 0;
        IndexDef.State state = IndexDef.State.valueOf(in.readUTF());
        int n = in.readUnsignedShort();
        List<Integer> cols = new ArrayList<>(n);
        for (int i = 0; i < n; i++) cols.add(in.readUnsignedShort());
        boolean constraint = format >= FORMAT_WITH_CONSTRAINTS && in.readBoolean();
        List<KeyOrder> orders = null;
        if ((flags & ORDERS_FLAG) != 0) {
            orders = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int o = in.readUnsignedByte();
                if ((o & ~(ORDER_DESC | ORDER_NULLS_FIRST)) != 0) throw corrupted("index column order " + o);
                orders.add(KeyOrder.of((o & ORDER_DESC) != 0, (o & ORDER_NULLS_FIRST) != 0));
            }
        }
        return new IndexDef(id, name, unique, cols, state, constraint, orders);
    }

    private static ShardSqlException corrupted(String what) {
        return new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "a stored table definition is malformed: " + what);
    }
}
