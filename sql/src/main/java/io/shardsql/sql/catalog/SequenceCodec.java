package io.shardsql.sql.catalog;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Sequence definitions as stored in the catalog (value of {@code \0sys/catalog/sequence/<name>}) and
 * sequence values (value of {@code \0sys/catalog/seqvalue/<id>}).
 *
 * <pre>
 * definition := | format (1) = 1 | id (4) | increment (8) | start (8) | min (8) | max (8) | cache (4) |
 *               | generation (4) | incarnation (8) | name length (2) | name (UTF-8) | owner length (2) |
 *               | owner (UTF-8) |
 * value      := | incarnation (8) | last value (8) | called (1): 1 once nextval has returned the last value |
 * </pre>
 * All numbers big-endian.
 */
public final class SequenceCodec {
    private static final int FORMAT = 1;

    private SequenceCodec() {}

    /** The value of a sequence: PostgreSQL's {@code (last_value, is_called)}. */
    public record Value(long incarnation, long last, boolean called) {}

    public static byte[] encode(SequenceDef s) {
        byte[] name = s.name().getBytes(StandardCharsets.UTF_8);
        byte[] owner = s.ownedBy().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + 8 * 4 + 4 + 4 + 8 + 2 + name.length + 2 + owner.length)
                .put((byte) FORMAT).putInt(s.id()).putLong(s.increment()).putLong(s.start()).putLong(s.min())
                .putLong(s.max()).putInt(s.cache()).putInt(s.generation()).putLong(s.incarnation())
                .putShort((short) name.length).put(name).putShort((short) owner.length).put(owner).array();
    }

    public static SequenceDef decode(byte[] data) {
        try {
            ByteBuffer b = ByteBuffer.wrap(data);
            if (b.get() != FORMAT) throw corrupted("unknown format");
            int id = b.getInt();
            long increment = b.getLong();
            long start = b.getLong();
            long min = b.getLong();
            long max = b.getLong();
            int cache = b.getInt();
            int generation = b.getInt();
            long incarnation = b.getLong();
            String name = string(b);
            String owner = string(b);
            if (b.hasRemaining()) throw corrupted("trailing bytes");
            return new SequenceDef(id, name, increment, start, min, max, cache, owner, generation, incarnation);
        } catch (RuntimeException e) {
            if (e instanceof ShardSqlException s) throw s;
            throw corrupted(e.toString());
        }
    }

    public static byte[] encodeValue(Value v) {
        return ByteBuffer.allocate(17).putLong(v.incarnation()).putLong(v.last()).put((byte) (v.called() ? 1 : 0))
                .array();
    }

    public static Value decodeValue(byte[] data) {
        if (data.length != 17) throw corrupted("a sequence value of " + data.length + " bytes");
        ByteBuffer b = ByteBuffer.wrap(data);
        return new Value(b.getLong(), b.getLong(), b.get() != 0);
    }

    private static String string(ByteBuffer b) {
        byte[] bytes = new byte[b.getShort() & 0xFFFF];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ShardSqlException corrupted(String what) {
        return new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "a stored sequence is malformed: " + what);
    }
}
