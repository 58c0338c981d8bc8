package io.shardsql.server.users;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.protocol.auth.ScramCredentials;
import io.shardsql.protocol.value.Bytes;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The stored form of one user's credentials:
 * <pre>
 * | format (1) = 1 | iterations (4, BE) | salt length (1) | salt | stored key length (1) | stored key |
 * | server key length (1) | server key |
 * </pre>
 * No password, nor anything that logs in by itself (a proof needs the client key, which is not here).
 */
final class CredentialsCodec {
    private static final byte FORMAT = 1;

    private CredentialsCodec() {}

    static byte[] encode(ScramCredentials c) {
        byte[] salt = c.salt().toByteArray();
        byte[] stored = c.storedKey().toByteArray();
        byte[] server = c.serverKey().toByteArray();
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 3 + salt.length + stored.length + server.length);
        b.put(FORMAT).putInt(c.iterations());
        for (byte[] part : new byte[][] {salt, stored, server}) {
            if (part.length > 255) throw new IllegalArgumentException("credential part longer than 255 bytes");
            b.put((byte) part.length).put(part);
        }
        return b.array();
    }

    static ScramCredentials decode(byte[] value) {
        try {
            ByteBuffer b = ByteBuffer.wrap(value);
            if (b.get() != FORMAT) throw corrupt("unknown format");
            int iterations = b.getInt();
            Bytes salt = Bytes.wrap(part(b));
            Bytes stored = Bytes.wrap(part(b));
            Bytes server = Bytes.wrap(part(b));
            if (b.hasRemaining()) throw corrupt("trailing bytes");
            return new ScramCredentials(salt, iterations, stored, server);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw corrupt(e.toString());
        }
    }

    private static byte[] part(ByteBuffer b) {
        byte[] p = new byte[Byte.toUnsignedInt(b.get())];
        b.get(p);
        return p;
    }

    private static ShardSqlException corrupt(String why) {
        return new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "stored user credentials are unreadable: " + why);
    }
}
