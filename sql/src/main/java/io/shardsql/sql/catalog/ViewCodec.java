package io.shardsql.sql.catalog;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * View definitions as stored in the catalog (value of {@code \0sys/catalog/view/<name>}).
 *
 * <pre>
 * view   := | format (1) = 1 | name (UTF) | sql length (4) | sql (UTF-8) | columns n (2) | n x column |
 *           | depends n (2) | n x relation name (UTF) |
 * column := | name (UTF) | type (UTF) | query's name for it (UTF) |
 * UTF    := Java's modified UTF-8 with a 2-byte length (DataOutput.writeUTF)
 * </pre>
 * The query has a 4-byte length: a view's text may pass the 64 KiB of writeUTF.
 */
public final class ViewCodec {
    private static final int FORMAT = 1;

    private ViewCodec() {}

    public static byte[] encode(ViewDef v) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(v.name());
            byte[] sql = v.sql().getBytes(StandardCharsets.UTF_8);
            out.writeInt(sql.length);
            out.write(sql);
            out.writeShort(v.columns().size());
            for (ViewDef.Column c : v.columns()) {
                out.writeUTF(c.name());
                out.writeUTF(c.type());
                out.writeUTF(c.queryName());
            }
            out.writeShort(v.dependsOn().size());
            for (String d : v.dependsOn()) out.writeUTF(d);
        } catch (IOException e) {
            throw new IllegalStateException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    public static ViewDef decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readUnsignedByte() != FORMAT) throw corrupted("unknown format");
            String name = in.readUTF();
            int length = in.readInt();
            if (length < 0 || length > in.available()) throw corrupted("a query of " + length + " bytes");
            String sql = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            int nc = in.readUnsignedShort();
            List<ViewDef.Column> columns = new ArrayList<>(nc);
            for (int i = 0; i < nc; i++) columns.add(new ViewDef.Column(in.readUTF(), in.readUTF(), in.readUTF()));
            int nd = in.readUnsignedShort();
            List<String> depends = new ArrayList<>(nd);
            for (int i = 0; i < nd; i++) depends.add(in.readUTF());
            if (in.available() > 0) throw corrupted("trailing bytes");
            return new ViewDef(name, sql, columns, depends);
        } catch (IOException | IllegalArgumentException e) {
            throw corrupted(e.toString());
        }
    }

    private static ShardSqlException corrupted(String what) {
        return new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "a stored view definition is malformed: " + what);
    }
}
