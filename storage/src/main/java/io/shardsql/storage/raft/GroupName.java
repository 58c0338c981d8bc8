package io.shardsql.storage.raft;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.apache.ratis.protocol.RaftGroupId;

import java.util.UUID;

/**
 * The name of one Raft group of a cluster: {@code control}, {@code coord-K} or {@code shard-N}
 * (ARCHITECTURE §2), and its Ratis group id, which encodes the cluster and the name so that any
 * peer can tell which group an id stands for:
 *
 * <pre>
 * UUID most significant 64 bits:  | cluster id, high 64 bits                              |
 * UUID least significant 64 bits: | cluster id, low 32 bits (4) | kind (1) | index (3, BE) |
 * </pre>
 */
public record GroupName(Kind kind, int index) implements Comparable<GroupName> {

    /** What a group does: the control group, a transaction coordinator group or a data shard. */
    public enum Kind {
        CONTROL(0), COORD(1), SHARD(2);

        final int code;

        Kind(int code) { this.code = code; }

        static Kind ofCode(int code) {
            for (Kind k : values()) if (k.code == code) return k;
            throw new ShardSqlException(ErrorCode.BAD_COMMAND, "unknown group kind " + code);
        }
    }

    public static final GroupName CONTROL = new GroupName(Kind.CONTROL, 0);

    public GroupName {
        if (index < 0 || index > 0xFFFFFF) throw new IllegalArgumentException("group index out of range: " + index);
    }

    public static GroupName shard(int index) { return new GroupName(Kind.SHARD, index); }

    public static GroupName coord(int index) { return new GroupName(Kind.COORD, index); }

    /** Parses {@code control}, {@code coord-2}, {@code shard-7}. */
    public static GroupName parse(String s) {
        if (s.equals("control")) return CONTROL;
        int dash = s.lastIndexOf('-');
        if (dash > 0) {
            String prefix = s.substring(0, dash);
            int index = Integer.parseInt(s.substring(dash + 1));
            if (prefix.equals("shard")) return shard(index);
            if (prefix.equals("coord")) return coord(index);
        }
        throw new IllegalArgumentException("not a group name: " + s);
    }

    public RaftGroupId groupId(UUID clusterId) {
        long lsb = (clusterId.getLeastSignificantBits() & 0xFFFF_FFFF_0000_0000L)
                | ((long) kind.code << 24) | index;
        return RaftGroupId.valueOf(new UUID(clusterId.getMostSignificantBits(), lsb));
    }

    /** The name a group id stands for. */
    public static GroupName of(RaftGroupId id) {
        long lsb = id.getUuid().getLeastSignificantBits();
        return new GroupName(Kind.ofCode((int) (lsb >>> 24) & 0xFF), (int) (lsb & 0xFFFFFF));
    }

    /** control, then coordinators, then shards, each by index. */
    @Override
    public int compareTo(GroupName o) {
        int byKind = Integer.compare(kind.code, o.kind.code);
        return byKind != 0 ? byKind : Integer.compare(index, o.index);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CONTROL -> "control";
            case COORD -> "coord-" + index;
            case SHARD -> "shard-" + index;
        };
    }
}
