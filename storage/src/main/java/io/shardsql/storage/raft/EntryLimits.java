package io.shardsql.storage.raft;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;

import java.util.Map;

/**
 * How large one Raft entry may be, and the Ratis limits that bound it (docs/transactions.md, "Limits").
 *
 * <ul>
 *   <li>{@code raft.server.log.appender.buffer.byte-limit} (Ratis' default 4 MB): a leader refuses to append an
 *       entry whose serialized form is larger ({@code StateMachineException: Log entry size ... exceeds the max
 *       buffer limit}), and sends a follower at most this much per request. This is {@code raft.log.entry-max-bytes}.
 *   <li>{@code raft.grpc.message.size.max} (64 MB): no gRPC message, a client's request or an append, may be
 *       larger; it must hold one entry with room to spare.
 *   <li>{@code raft.server.log.write.buffer.size} (8 MB): the log writer's buffer must hold one entry plus 8
 *       bytes, or the server does not start; it is raised with the entry limit.
 * </ul>
 *
 * A client refuses a command whose encoding is larger than {@link #maxCommandBytes} before proposing it
 * ({@code ShardClient}); the difference covers the entry's header (term, index, client id, call id).
 */
public final class EntryLimits {
    /** Ratis' own default for the appender buffer. */
    public static final long DEFAULT_ENTRY_MAX_BYTES = 4L << 20;
    /** Room for the log entry's header around the command (term, index, client and call id, type). */
    static final long ENTRY_HEADER_BYTES = 1024;
    private static final long SMALLEST = 64L << 10;
    private static final long LARGEST = 1L << 30;
    private static final long DEFAULT_WRITE_BUFFER = 8L << 20;
    private static final String APPENDER_KEY = RaftServerConfigKeys.Log.Appender.BUFFER_BYTE_LIMIT_KEY;
    private static final String WRITE_BUFFER_KEY = RaftServerConfigKeys.Log.WRITE_BUFFER_SIZE_KEY;

    private EntryLimits() {}

    /** The largest encoded command that fits an entry of at most {@code entryMaxBytes}. */
    public static long maxCommandBytes(long entryMaxBytes) {
        return entryMaxBytes - ENTRY_HEADER_BYTES;
    }

    /** The log writer's buffer for entries up to {@code entryMaxBytes}: Ratis' 8 MB, or more if an entry needs it. */
    static long writeBufferBytes(long entryMaxBytes) {
        return Math.max(DEFAULT_WRITE_BUFFER, entryMaxBytes + SMALLEST);
    }

    /** Fails with CONFIG_INVALID unless {@code entryMaxBytes} fits every limit above. */
    static void check(long entryMaxBytes, Map<String, String> ratisOverrides) {
        if (entryMaxBytes < SMALLEST || entryMaxBytes > LARGEST) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "raft.log.entry-max-bytes must be between "
                    + SMALLEST + " and " + LARGEST + " bytes");
        }
        for (String key : new String[] {APPENDER_KEY, WRITE_BUFFER_KEY}) {
            if (ratisOverrides.containsKey(key)) {
                throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "set raft.log.entry-max-bytes rather than "
                        + RaftSettings.RATIS_PREFIX + key + " (the two follow it)");
            }
        }
        String grpc = ratisOverrides.get(GrpcConfigKeys.MESSAGE_SIZE_MAX_KEY);
        long message = grpc == null ? GrpcConfigKeys.MESSAGE_SIZE_MAX_DEFAULT.getSize()
                : SizeInBytes.valueOf(grpc).getSize();
        if (message < entryMaxBytes + SMALLEST) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, GrpcConfigKeys.MESSAGE_SIZE_MAX_KEY + " ("
                    + message + " bytes) must exceed raft.log.entry-max-bytes (" + entryMaxBytes + ") by "
                    + SMALLEST + " bytes at least: one gRPC message carries a whole entry");
        }
    }
}
