package io.shardsql.storage.raft.client;

import io.shardsql.storage.raft.RaftSettings;

import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.Bytes;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Mutation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads and writes keys anywhere in the cluster: routes each key to its shard with the
 * {@link ShardMap}, and fans range scans out to every shard in parallel, merging the results in key
 * order. Writes here are atomic per shard; atomic writes across shards are the transaction layer's.
 */
public final class ClusterClient implements AutoCloseable {
    private final ShardMap map;
    private final ShardClient control;
    private final List<ShardClient> shards;
    private final List<ShardClient> coordinators;

    private ClusterClient(ShardMap map, ShardClient control, List<ShardClient> shards, List<ShardClient> coordinators) {
        this.map = map;
        this.control = control;
        this.shards = shards;
        this.coordinators = coordinators;
    }

    public static ClusterClient open(ShardMap map, RaftSettings settings, ClientOptions options) {
        return open(map, settings, options, LocalReplicas.NONE);
    }

    /** A client that reads from the leaders among {@code local} in-process. */
    public static ClusterClient open(ShardMap map, RaftSettings settings, ClientOptions options, LocalReplicas local) {
        return open(map, settings, options, local, PeerReads.NONE);
    }

    /**
     * A node's own client: reads from the leaders among {@code local} in-process, and from leaders on
     * other nodes through {@code peers} where it reaches them.
     */
    public static ClusterClient open(ShardMap map, RaftSettings settings, ClientOptions options, LocalReplicas local,
            PeerReads peers) {
        ShardClient control = new ShardClient(GroupName.CONTROL, map.raftGroup(GroupName.CONTROL),
                settings.clientProperties(), settings.parameters(), options, local, peers);
        List<ShardClient> shards = new ArrayList<>();
        for (int i = 0; i < map.shardCount(); i++) {
            GroupName g = GroupName.shard(i);
            shards.add(new ShardClient(g, map.raftGroup(g), settings.clientProperties(), settings.parameters(), options,
                    local, peers));
        }
        List<ShardClient> coordinators = new ArrayList<>();
        for (int k = 0; k < map.coordinatorCount(); k++) {
            GroupName g = GroupName.coord(k);
            coordinators.add(new ShardClient(g, map.raftGroup(g), settings.clientProperties(), settings.parameters(),
                    options, local, peers));
        }
        return new ClusterClient(map, control, shards, coordinators);
    }

    public ShardMap shardMap() { return map; }

    /** The largest encoded command one Raft entry of these groups carries ({@link ShardClient#maxCommandBytes}). */
    public long maxCommandBytes() { return control.maxCommandBytes(); }

    public ShardClient control() { return control; }

    public ShardClient shard(int index) { return shards.get(index); }

    public int shardCount() { return shards.size(); }

    public int shardOf(byte[] key) { return map.shardOf(key); }

    /**
     * The group that holds {@code key}: {@code control} for system keys ({@link ShardMap#SYSTEM_PREFIX}), else its
     * shard.
     */
    public GroupName groupOf(byte[] key) { return map.groupOf(key); }

    /** The groups that may hold keys of {@code [start, end)}. */
    public List<GroupName> groupsFor(byte[] start, byte[] end) { return map.groupsFor(start, end); }

    public ShardClient coordinator(int index) { return coordinators.get(index); }

    public int coordinatorCount() { return coordinators.size(); }

    /** The client of {@code group}: {@code control}, a shard or a coordinator. */
    public ShardClient group(GroupName group) {
        return switch (group.kind()) {
            case CONTROL -> control;
            case SHARD -> shards.get(group.index());
            case COORD -> coordinators.get(group.index());
        };
    }

    /**
     * Writes {@code mutations} (all on one shard) at {@code commitTs}, first committer wins against
     * {@code startTs}. The returned future fails with the shard's error, e.g. {@code WRITE_CONFLICT}.
     */
    public CompletableFuture<Void> write(long startTs, long commitTs, List<Mutation> mutations) {
        int shard = map.shardOf(mutations.get(0).key());
        for (Mutation m : mutations) {
            if (map.shardOf(m.key()) != shard) {
                throw new ShardSqlException(ErrorCode.BAD_COMMAND, "mutations span shards " + shard + " and "
                        + map.shardOf(m.key()) + "; multi-shard writes need a transaction");
            }
        }
        return shards.get(shard).submit(new ShardCommand.CommitWrites(startTs, commitTs, mutations))
                .thenApply(reply -> {
                    if (reply instanceof ShardReply.Failed f) throw f.toException();
                    return null;
                });
    }

    public CompletableFuture<Void> put(byte[] key, byte[] value, long startTs, long commitTs) {
        return write(startTs, commitTs, List.of(Mutation.put(key, value)));
    }

    /** The value of {@code key} at {@code readTs}, read linearizably from its shard's leader. */
    public CompletableFuture<Optional<KvEntry>> get(byte[] key, long readTs) {
        return shards.get(map.shardOf(key)).query(new ShardQuery.Get(key, readTs)).thenApply(reply -> {
            if (reply instanceof ShardReply.Failed f) throw f.toException();
            return Optional.ofNullable(((ShardReply.Value) reply).entry());
        });
    }

    /** Up to {@code limit} entries of {@code [start, end)} at {@code readTs}, from all shards, in key order. */
    public List<KvEntry> scan(byte[] start, byte[] end, long readTs, int limit) {
        List<CompletableFuture<ShardReply>> pages = new ArrayList<>();
        for (ShardClient s : shards) pages.add(s.query(new ShardQuery.Scan(start, end, readTs, limit)));
        List<KvEntry> all = new ArrayList<>();
        for (CompletableFuture<ShardReply> page : pages) {
            all.addAll(((ShardReply.Entries) ShardClient.await(page)).entries());
        }
        all.sort(Comparator.comparing(KvEntry::key, Bytes::compare));
        return all.size() > limit ? new ArrayList<>(all.subList(0, limit)) : all;
    }

    /** Every entry of {@code [start, end)} at {@code readTs}, paging through each shard. */
    public List<KvEntry> scanAll(byte[] start, byte[] end, long readTs, int pageSize) {
        List<KvEntry> all = new ArrayList<>();
        for (ShardClient s : shards) {
            byte[] from = start;
            while (from != null) {
                ShardReply.Entries page = (ShardReply.Entries) ShardClient.await(
                        s.query(new ShardQuery.Scan(from, end, readTs, pageSize)));
                all.addAll(page.entries());
                from = page.resumeKey();
            }
        }
        all.sort(Comparator.comparing(KvEntry::key, Bytes::compare));
        return all;
    }

    @Override
    public void close() {
        control.close();
        shards.forEach(ShardClient::close);
        coordinators.forEach(ShardClient::close);
    }
}
