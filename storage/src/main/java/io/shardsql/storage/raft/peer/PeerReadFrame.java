package io.shardsql.storage.raft.peer;

import io.shardsql.storage.raft.client.PeerReads;

import io.shardsql.storage.raft.command.ShardCodec;

import io.netty.buffer.ByteBuf;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The frames of a node-to-node read ({@link PeerReadClient} → {@link PeerReadServer}). Each frame is
 * preceded on the wire by its length (4 bytes, big-endian, not counting itself).
 *
 * <pre>
 * request   0          8      9                      25
 *           +----------+------+----------------------+---------------------------+
 *           | call id  | kind | group id (UUID, 16)  | query (ShardCodec) ...    |
 *           | (i64)    | (u8) | msb i64, lsb i64     |                           |
 *           +----------+------+----------------------+---------------------------+
 *             kind 1: a linearizable read (lease or ReadIndex on the leader)
 *             kind 2: a leader-only read (timestamps: the oracle's fence makes it safe)
             kind 3, 4: a backup part's files (list, read a chunk): PartFileServer draws their bodies
             kind 5: delete a backup this node keeps: the body is its name (UTF-8), the group id unused;
                     answered with the directory deleted (UTF-8), or refused with the reason
 *
 * reply     0          8        9
 *           +----------+--------+-----------------------------------------------+
 *           | call id  | status | status 0: the reply (ShardCodec) ...          |
 *           | (i64)    | (u8)   | status 1: the leader that node knows (UTF-8   |
 *           |          |        |           peer id; empty if it knows none)    |
 *           +----------+--------+-----------------------------------------------+
 *             status 0: answered by the group's leader on that node
 *             status 1: not served there (no leader there, or Ratis refused it): ask through Ratis' client
             status 2: refused (kinds 3, 4, 5 only): the rest is the reason, UTF-8
 * </pre>
 *
 * A node answers only what its own Ratis server answered, so a read served this way is exactly as
 * linearizable as one sent through Ratis' client; everything else is status 1, and the caller sends
 * the read again the usual way, which finds the leader and reports errors as always.
 */
final class PeerReadFrame {
    static final int HEADER_BYTES = 25;
    static final int REPLY_HEADER_BYTES = 9;
    static final byte LINEARIZABLE = 1;
    static final byte LEADER_ONLY = 2;
    static final byte PART_LIST = 3;
    static final byte PART_READ = 4;
    static final byte BACKUP_DROP = 5;
    static final byte ANSWERED = 0;
    static final byte NOT_SERVED = 1;
    static final byte REFUSED = 2;
    /** Larger than any reply a shard sends (a page stops near 1 MiB, a GetMany at 256 keys). */
    static final int MAX_FRAME_BYTES = 64 << 20;

    /** A decoded request; {@code query} is the rest of the frame. */
    record Request(long callId, byte kind, RaftGroupId group, byte[] query) {
        boolean leaderOnly() { return kind == LEADER_ONLY; }

        /** Whether it asks for a backup part's files rather than a read. */
        boolean forPart() { return kind == PART_LIST || kind == PART_READ; }

        /** Whether it asks this node to delete one of its backups. */
        boolean forBackupDrop() { return kind == BACKUP_DROP; }
    }

    private PeerReadFrame() {}

    static void writeRequest(ByteBuf out, long callId, boolean leaderOnly, RaftGroupId group, byte[] query) {
        writeRequest(out, callId, leaderOnly ? LEADER_ONLY : LINEARIZABLE, group, query);
    }

    static void writeRequest(ByteBuf out, long callId, byte kind, RaftGroupId group, byte[] query) {
        UUID uuid = group.getUuid();
        out.writeLong(callId).writeByte(kind)
                .writeLong(uuid.getMostSignificantBits()).writeLong(uuid.getLeastSignificantBits())
                .writeBytes(query);
    }

    static Request readRequest(ByteBuf in) {
        if (in.readableBytes() < HEADER_BYTES) throw new IllegalArgumentException("a read request of "
                + in.readableBytes() + " bytes");
        long callId = in.readLong();
        byte kind = in.readByte();
        if (kind < LINEARIZABLE || kind > BACKUP_DROP) throw new IllegalArgumentException("unknown read kind " + kind);
        RaftGroupId group = RaftGroupId.valueOf(new UUID(in.readLong(), in.readLong()));
        byte[] query = new byte[in.readableBytes()];
        in.readBytes(query);
        return new Request(callId, kind, group, query);
    }

    static void writeAnswer(ByteBuf out, long callId, byte[] reply) {
        out.writeLong(callId).writeByte(ANSWERED).writeBytes(reply);
    }

    static void writeRefused(ByteBuf out, long callId, String reason) {
        out.writeLong(callId).writeByte(REFUSED).writeBytes(reason.getBytes(StandardCharsets.UTF_8));
    }

    static void writeNotServed(ByteBuf out, long callId, RaftPeerId knownLeader) {
        out.writeLong(callId).writeByte(NOT_SERVED);
        if (knownLeader != null) out.writeBytes(knownLeader.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The rest of a reply frame after its call id. */
    static PeerReads.Answer readAnswer(ByteBuf in) {
        byte status = in.readByte();
        byte[] rest = new byte[in.readableBytes()];
        in.readBytes(rest);
        if (status == ANSWERED) return new PeerReads.Answer(rest, null);
        if (status != NOT_SERVED) throw new IllegalArgumentException("unknown read status " + status);
        return new PeerReads.Answer(null,
                rest.length == 0 ? null : RaftPeerId.valueOf(new String(rest, StandardCharsets.UTF_8)));
    }
}
