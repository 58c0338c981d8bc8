package io.shardsql.snapshot.impl;

import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.client.ShardClient;
import io.shardsql.storage.raft.command.ShardReply;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Sends one request to every group of a cluster at once and waits for the answers, all within one deadline:
 * the best-effort steps of a snapshot ({@link FlushAhead}, {@link EpochRelease}) that must not hold it up.
 */
final class EveryGroup {
    private EveryGroup() {}

    /**
     * Sends {@code request} to every group of {@code client}'s cluster and waits at most {@code wait} for all the
     * replies; each group whose request failed or did not end in time is given to {@code failed}. Returns whether
     * every group answered. Throws {@link InterruptedException} (the requests cancelled) if interrupted.
     */
    static boolean send(ClusterClient client, Function<ShardClient, CompletableFuture<ShardReply>> request,
                        Duration wait, BiConsumer<GroupName, Exception> failed) throws InterruptedException {
        Map<GroupName, CompletableFuture<ShardReply>> sent = new LinkedHashMap<>();
        for (ShardMap.GroupLayout g : client.shardMap().groups()) {
            try {
                sent.put(g.name(), request.apply(client.group(g.name())));
            } catch (RuntimeException e) {
                sent.put(g.name(), CompletableFuture.failedFuture(e));
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        boolean all = true;
        for (Map.Entry<GroupName, CompletableFuture<ShardReply>> f : sent.entrySet()) {
            try {
                f.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                ShardClient.await(f.getValue());
            } catch (InterruptedException e) {
                sent.values().forEach(s -> s.cancel(true));
                throw e;
            } catch (Exception e) {
                all = false;
                failed.accept(f.getKey(), e);
            }
        }
        return all;
    }
}
