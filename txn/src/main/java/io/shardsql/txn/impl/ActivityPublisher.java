package io.shardsql.txn.impl;

import io.shardsql.storage.Mutation;
import io.shardsql.txn.spi.Groups;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.txn.ActiveTransactions;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Publishes this node's oldest running transaction in {@code control} ({@link ActiveTransactions} draws
 * the key): first a timestamp {@code p}, then the running set counting every begin below {@code p},
 * then one write committed at {@code p}. Runs every {@code txn.active-publish-interval} and at each
 * garbage-collection round.
 */
final class ActivityPublisher {
    private static final Duration BEGIN_WAIT = Duration.ofSeconds(1);

    private final Groups cluster;
    private final TransactionManagerImpl txns;
    private final byte[] key;

    ActivityPublisher(Groups cluster, TransactionManagerImpl txns, String nodeId) {
        this.cluster = cluster;
        this.txns = txns;
        this.key = ActiveTransactions.key(nodeId);
    }

    /** Publishes once; returns false if begins in flight kept it from knowing (the next round tries again). */
    boolean publish() {
        long p = txns.now();
        OptionalLong oldest = txns.oldestRunningAfterPendingBegins(BEGIN_WAIT);
        if (oldest.isEmpty()) return false;
        long ts = oldest.getAsLong();
        Mutation put = Mutation.put(key, ActiveTransactions.value(ts, txns.holderOf(ts)));
        Futures.ok(Futures.reply(cluster.control().submit(new ShardCommand.CommitWrites(p - 1, p, List.of(put)))));
        return true;
    }
}
