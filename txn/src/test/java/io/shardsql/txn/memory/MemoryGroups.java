package io.shardsql.txn.memory;

import io.shardsql.storage.memory.InMemoryMvccStore;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.raft.machine.GroupExtensions;
import io.shardsql.storage.raft.machine.StandaloneReplica;
import io.shardsql.txn.log.TxnLogExtension;
import io.shardsql.txn.spi.Groups;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A cluster's groups in memory: {@code control}, {@code shards} shards and {@code coordinators}
 * coordinator groups, each a {@link MemoryGroup} over its own {@link InMemoryMvccStore}, running the
 * transaction layer's {@link TxnLogExtension} on {@code clock}'s wall time and a stand-in for the
 * snapshot's epoch fence ({@link FenceStandIn}). Keys are placed by a real
 * {@link ShardMap}.
 */
public final class MemoryGroups implements Groups {
    private final ShardMap map;
    private final Map<GroupName, MemoryGroup> groups = new TreeMap<>();
    private final FenceStandIn fences = new FenceStandIn();

    public MemoryGroups(int shards, int coordinators, ManualClock clock) {
        this.map = ShardMap.initial(new UUID(0, 1), List.of(new ShardMap.Member("n1", "localhost", 1, 2)), shards,
                coordinators, 1);
        GroupExtensions txn = GroupExtensions.of(new TxnLogExtension(clock, Duration.ofSeconds(3)), fences);
        for (ShardMap.GroupLayout g : map.groups()) {
            groups.put(g.name(), new MemoryGroup(new StandaloneReplica(g.name(), InMemoryMvccStore.create(), txn)));
        }
    }

    /** The epoch fences of the groups (a stand-in for the snapshot's), for tests to raise. */
    public FenceStandIn fences() { return fences; }

    /** The group named {@code name}, to script or inspect. */
    public MemoryGroup get(GroupName name) { return groups.get(name); }

    /** A key of this text that lives on shard {@code shard} (the text with a counter appended). */
    public byte[] keyOn(int shard, String text) {
        for (int i = 0; ; i++) {
            byte[] key = (text + "-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (map.shardOf(key) == shard) return key;
        }
    }

    @Override
    public MemoryGroup control() { return groups.get(GroupName.CONTROL); }

    @Override
    public MemoryGroup coordinator(int index) { return groups.get(GroupName.coord(index)); }

    @Override
    public int coordinatorCount() { return map.coordinatorCount(); }

    @Override
    public MemoryGroup group(GroupName group) { return groups.get(group); }

    private volatile long maxCommandBytes = Long.MAX_VALUE;

    /** Makes {@link #maxCommandBytes} what a cluster's {@code raft.log.entry-max-bytes} would. */
    public void setMaxCommandBytes(long max) { maxCommandBytes = max; }

    @Override
    public long maxCommandBytes() { return maxCommandBytes; }

    @Override
    public GroupName groupOf(byte[] key) { return map.groupOf(key); }

    @Override
    public List<GroupName> groupsFor(byte[] start, byte[] end) { return map.groupsFor(start, end); }
}
