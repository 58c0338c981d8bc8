package io.shardsql.snapshot.log;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.raft.command.ByteReader;
import io.shardsql.storage.raft.command.ByteWriter;

/**
 * What a replica answers to a {@link SnapshotCommand.Marker}, and keeps (as meta {@value #META}) to
 * answer a repeat: the part of epoch {@code epoch} holds the group's state at log position
 * ({@code term}, {@code index}), the entry before the marker; {@code bytes} of files and
 * {@code lockCount} locks (the in-flight transactions: the cut's channel state). {@code error} is set
 * when this replica could not write its part (the fence holds all the same; another replica's part
 * serves). Travels as the value of a {@code ShardReply.Meta}.
 *
 * <pre>
 *   | epoch (8) | cutTs (8) | term (8) | index (8) | bytes (8) | lockCount (8) | error string-or-null |
 * </pre>
 */
public record PartTaken(long epoch, long cutTs, long term, long index, long bytes, long lockCount, String error) {
    /** The meta name under which a replica keeps the last part it took. */
    public static final String META = "snapshot.part";

    /** Whether this replica has the part's files. */
    public boolean ok() {
        return error == null;
    }

    /** The encoded form (the value of the reply, and of meta {@value #META}). */
    public byte[] encode() {
        return new ByteWriter(64).i64(epoch).i64(cutTs).i64(term).i64(index).i64(bytes).i64(lockCount)
                .string(error).toByteArray();
    }

    /** Decodes what {@link #encode} wrote; malformed input is a {@code BAD_COMMAND} error. */
    public static PartTaken decode(byte[] data) {
        if (data == null) throw new ShardSqlException(ErrorCode.BAD_COMMAND, "no part record");
        ByteReader in = new ByteReader(data);
        PartTaken p = new PartTaken(in.i64(), in.i64(), in.i64(), in.i64(), in.i64(), in.i64(), in.string());
        in.expectEnd();
        return p;
    }
}
