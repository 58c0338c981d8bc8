package io.shardsql.snapshot.impl;

import io.shardsql.snapshot.log.SnapshotCommand;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.client.ShardClient;
import io.shardsql.storage.raft.command.ShardReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a snapshot epoch in every group once its driver no longer needs the replicas' parts (the snapshot
 * is COMPLETE or FAILED): {@link SnapshotCommand.Release} goes to each group's log, and every replica
 * applying it deletes its part of the epoch. Best effort: a group that does not take it in time keeps
 * its part until the next epoch's marker, or until its replicas next open their stores after a release.
 */
final class EpochRelease {
    private static final Logger LOG = LoggerFactory.getLogger(EpochRelease.class);

    private EpochRelease() {}

    /** Sends {@code Release(epoch)} to every group of {@code client}'s cluster, waiting at most {@code wait}. */
    static void release(ClusterClient client, long epoch, Duration wait) {
        ShardMap map = client.shardMap();
        Map<GroupName, CompletableFuture<ShardReply>> sent = new LinkedHashMap<>();
        for (ShardMap.GroupLayout g : map.groups()) {
            try {
                sent.put(g.name(), client.group(g.name()).sendNow(new SnapshotCommand.Release(epoch)));
            } catch (RuntimeException e) {
                sent.put(g.name(), CompletableFuture.failedFuture(e));
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (Map.Entry<GroupName, CompletableFuture<ShardReply>> f : sent.entrySet()) {
            try {
                f.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                ShardClient.await(f.getValue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warn("{}: the end of snapshot epoch {} was not confirmed ({}); its replicas keep their parts"
                        + " until the next epoch", f.getKey(), epoch, e.toString());
            }
        }
    }
}
