package io.shardsql.sql.privilege;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stored forms of an {@link Acl} and of a role's members (values of the catalog keys
 * {@code \0sys/catalog/acl/...} and {@code \0sys/catalog/role/<name>}):
 *
 * <pre>
 * acl     := | format (1) = 1 | has owner (1) | [owner (UTF)] | grants n (2) | n x grant |
 * grant   := | grantee (UTF) | privilege bits (1): SELECT 1, INSERT 2, UPDATE 4, DELETE 8, CREATE 16,
 *                                              USAGE 32 |
 * members := | format (1) = 1 | members n (4) | n x member (UTF) |
 * UTF     := Java's modified UTF-8 with a 2-byte length (DataOutput.writeUTF)
 * </pre>
 */
public final class AclCodec {
    private static final int FORMAT = 1;

    private AclCodec() {}

    public static byte[] encode(Acl acl) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeBoolean(acl.owner().isPresent());
            if (acl.owner().isPresent()) out.writeUTF(acl.owner().get());
            out.writeShort(acl.grants().size());
            for (Map.Entry<String, Set<Privilege>> g : acl.grants().entrySet()) {
                out.writeUTF(g.getKey());
                out.writeByte(Privilege.bits(g.getValue()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    public static Acl decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readUnsignedByte() != FORMAT) throw corrupted("unknown format");
            Optional<String> owner = in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
            int n = in.readUnsignedShort();
            Map<String, Set<Privilege>> grants = new HashMap<>();
            for (int i = 0; i < n; i++) grants.put(in.readUTF(), Privilege.of(in.readUnsignedByte()));
            if (in.available() > 0) throw corrupted("trailing bytes");
            return new Acl(owner, grants);
        } catch (IOException e) {
            throw corrupted(e.toString());
        }
    }

    public static byte[] encodeMembers(Set<String> members) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(members.size());
            for (String m : new TreeSet<>(members)) out.writeUTF(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    public static Set<String> decodeMembers(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readUnsignedByte() != FORMAT) throw corrupted("unknown format");
            int n = in.readInt();
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) out.add(in.readUTF());
            if (in.available() > 0) throw corrupted("trailing bytes");
            return Set.copyOf(out);
        } catch (IOException | IllegalArgumentException e) {
            throw corrupted(e.toString());
        }
    }

    private static ShardSqlException corrupted(String what) {
        return new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "stored privileges are malformed: " + what);
    }
}
