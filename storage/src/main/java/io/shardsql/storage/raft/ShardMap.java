package io.shardsql.storage.raft;

import io.shardsql.storage.raft.command.ByteReader;
import io.shardsql.storage.raft.command.ByteWriter;
import io.shardsql.storage.raft.host.LeaderBalancer;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * Which groups the cluster has, which members hold their replicas, and how keys map to shards. It is
 * kept in the {@code control} group (key {@link #CONTROL_KEY}) and versioned, so a later split or
 * merge can publish a new version.
 *
 * <p>Placement: {@code control} lives on the first {@code replication} members; {@code shard-i} on
 * {@code replication} consecutive members starting at member {@code (i + 1) mod n}; {@code coord-k} on
 * those starting at member {@code (shards + 1 + k) mod n}, so replicas spread over nodes. The first
 * replica of a group is its preferred leader, and {@link LeaderBalancer} moves leadership there while it
 * is alive and caught up. Every replica has the same Ratis priority, because a leader yields to a
 * higher-priority follower that looks up to date even when that follower is dead, and then refuses
 * writes for as long as it stays dead (docs/decisions.md).
 *
 * <p>Partitioning: a key belongs to shard {@code floorMod(mix(crc32c(key)), shards)}.
 */
public record ShardMap(long version, UUID clusterId, int replication, List<Member> members, List<GroupLayout> groups) {

    /**
     * Keys that start with this live in the {@code control} group, not in a shard: the shard map, the
     * catalog, users, bookkeeping. (Row and index keys start with a 4-byte table or index id below
     * {@code 0x00730000}, so they never do.)
     */
    public static final byte[] SYSTEM_PREFIX = "\0sys/".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** Where the shard map is stored in the control group. */
    public static final byte[] CONTROL_KEY = "\0sys/shard-map".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** A node of the cluster and its addresses. */
    public record Member(String id, String host, int raftPort, int sqlPort) {
        public String raftAddress() { return host + ":" + raftPort; }
    }

    /** The replicas of one group. */
    public record GroupLayout(GroupName name, List<String> replicas) {
        public GroupLayout {
            replicas = List.copyOf(replicas);
        }
    }

    public ShardMap {
        members = List.copyOf(members);
        groups = List.copyOf(groups);
    }

    /** The initial layout of a new cluster. */
    public static ShardMap initial(UUID clusterId, List<Member> members, int shards, int coordinators,
            int replication) {
        int n = members.size();
        if (replication < 1 || replication > n) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "replication " + replication + " needs between 1 and "
                    + n + " members");
        }
        if (shards < 1) throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "a cluster needs at least one shard");
        List<GroupLayout> groups = new ArrayList<>();
        groups.add(new GroupLayout(GroupName.CONTROL, replicasFrom(members, 0, replication)));
        for (int i = 0; i < shards; i++) {
            groups.add(new GroupLayout(GroupName.shard(i), replicasFrom(members, (i + 1) % n, replication)));
        }
        for (int k = 0; k < coordinators; k++) {
            groups.add(new GroupLayout(GroupName.coord(k), replicasFrom(members, (shards + 1 + k) % n, replication)));
        }
        return new ShardMap(1, clusterId, replication, members, groups);
    }

    private static List<String> replicasFrom(List<Member> members, int start, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int j = 0; j < count; j++) ids.add(members.get((start + j) % members.size()).id());
        return ids;
    }

    public int shardCount() {
        return (int) groups.stream().filter(g -> g.name().kind() == GroupName.Kind.SHARD).count();
    }

    public int coordinatorCount() {
        return (int) groups.stream().filter(g -> g.name().kind() == GroupName.Kind.COORD).count();
    }

    public int shardOf(byte[] key) {
        CRC32C crc = new CRC32C();
        crc.update(key);
        long h = crc.getValue() * 0x9E3779B97F4A7C15L; // spread the bits before the modulo
        return Math.floorMod((int) (h >>> 32), shardCount());
    }

    /** The group that holds {@code key}: {@code control} for system keys, else its shard. */
    public GroupName groupOf(byte[] key) {
        return isSystemKey(key) ? GroupName.CONTROL : GroupName.shard(shardOf(key));
    }

    public static boolean isSystemKey(byte[] key) {
        return key.length >= SYSTEM_PREFIX.length
                && java.util.Arrays.equals(key, 0, SYSTEM_PREFIX.length, SYSTEM_PREFIX, 0, SYSTEM_PREFIX.length);
    }

    /** The groups that may hold keys of {@code [start, end)} ({@code end == null}: unbounded). */
    public List<GroupName> groupsFor(byte[] start, byte[] end) {
        byte[] systemEnd = SYSTEM_PREFIX.clone();
        systemEnd[systemEnd.length - 1]++;
        boolean touchesSystem = java.util.Arrays.compareUnsigned(start, systemEnd) < 0
                && (end == null || java.util.Arrays.compareUnsigned(end, SYSTEM_PREFIX) > 0);
        boolean withinSystem = java.util.Arrays.compareUnsigned(start, SYSTEM_PREFIX) >= 0
                && end != null && java.util.Arrays.compareUnsigned(end, systemEnd) <= 0;
        List<GroupName> out = new ArrayList<>();
        if (touchesSystem) out.add(GroupName.CONTROL);
        if (!withinSystem) {
            for (int i = 0; i < shardCount(); i++) out.add(GroupName.shard(i));
        }
        return out;
    }

    public Member member(String id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new ShardSqlException(ErrorCode.CONFIG_INVALID,
                        "no member " + id + " in the shard map"));
    }

    public GroupLayout group(GroupName name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new ShardSqlException(ErrorCode.CONFIG_INVALID,
                        "no group " + name + " in the shard map"));
    }

    /** The Ratis group of {@code name}: its id, and its peers with their addresses (all of equal priority). */
    public RaftGroup raftGroup(GroupName name) {
        GroupLayout layout = group(name);
        List<RaftPeer> peers = new ArrayList<>();
        for (String id : layout.replicas()) {
            Member m = member(id);
            peers.add(RaftPeer.newBuilder().setId(RaftPeerId.valueOf(m.id())).setAddress(m.raftAddress()).build());
        }
        return RaftGroup.valueOf(name.groupId(clusterId), peers);
    }

    /** Groups that {@code memberId} holds a replica of. */
    public List<GroupName> groupsOf(String memberId) {
        return groups.stream().filter(g -> g.replicas().contains(memberId)).map(GroupLayout::name).toList();
    }

    /**
     * <pre>
     * | version (8) | cluster id (16) | replication (4) |
     * | members (4) | per member: id bytes | host bytes | raftPort (4) | sqlPort (4) |
     * | groups (4)  | per group: name bytes | replicas (4) | replica id bytes ... |
     * </pre>
     */
    public byte[] encode() {
        ByteWriter w = new ByteWriter(256).i64(version).i64(clusterId.getMostSignificantBits())
                .i64(clusterId.getLeastSignificantBits()).i32(replication).i32(members.size());
        for (Member m : members) w.string(m.id()).string(m.host()).i32(m.raftPort()).i32(m.sqlPort());
        w.i32(groups.size());
        for (GroupLayout g : groups) {
            w.string(g.name().toString()).i32(g.replicas().size());
            for (String r : g.replicas()) w.string(r);
        }
        return w.toByteArray();
    }

    public static ShardMap decode(byte[] data) {
        ByteReader r = new ByteReader(data);
        long version = r.i64();
        UUID cluster = new UUID(r.i64(), r.i64());
        int replication = r.i32();
        int nm = r.count(16);
        List<Member> members = new ArrayList<>(nm);
        for (int i = 0; i < nm; i++) members.add(new Member(r.string(), r.string(), r.i32(), r.i32()));
        int ng = r.count(8);
        List<GroupLayout> groups = new ArrayList<>(ng);
        for (int i = 0; i < ng; i++) {
            GroupName name = GroupName.parse(r.string());
            int nr = r.count(4);
            List<String> replicas = new ArrayList<>(nr);
            for (int j = 0; j < nr; j++) replicas.add(r.string());
            groups.add(new GroupLayout(name, replicas));
        }
        r.expectEnd();
        return new ShardMap(version, cluster, replication, members, groups);
    }
}
