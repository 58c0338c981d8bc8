package io.shardsql.txn.impl;

import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.txn.Timestamps;
import io.shardsql.txn.log.TxnCommand;
import io.shardsql.txn.spi.GroupClient;
import io.shardsql.txn.spi.TxnClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Keeps the locks of one undecided transaction alive while its driver works: every third of the lock
 * TTL it logs a {@link TxnCommand.Heartbeat} in the transaction's coordinator group promising the locks
 * one more TTL, counted in the oracle's physical time (the time base of the locks' own TTL). Whoever
 * meets a lock past its TTL proposes {@link TxnCommand.AbortIfStale}, which the coordinator refuses while
 * the promise holds. A driver that dies stops beating, and its locks are recovered one TTL after its last
 * heartbeat at the latest.
 *
 * <pre>
 *   driver:  prepare ... ♥ ........ ♥ ........ ♥ ... decision      (♥ = Heartbeat(startTs, now + ttl))
 *   other:                     lock past TTL → AbortIfStale(now) → refused (alive) → waits
 * </pre>
 *
 * Beats are asynchronous (an oracle request, then a proposal); a beat that fails is logged and the next
 * one tries again. Single-shard transactions do not need one: their decision follows their prepare with
 * one oracle request between them, and an abort of their locks makes their {@code CommitLocal} fail
 * cleanly.
 */
final class LockKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LockKeeper.class);

    private final long startTs;
    private final GroupClient coordinator;
    private final TimestampClient tso;
    private final long ttlMillis;
    private final TxnClock.Repeating beats;

    private LockKeeper(long startTs, GroupClient coordinator, TimestampClient tso, Duration ttl, TxnClock clock) {
        this.startTs = startTs;
        this.coordinator = coordinator;
        this.tso = tso;
        this.ttlMillis = ttl.toMillis();
        this.beats = clock.every(Math.max(1, ttlMillis / 3), this::beat);
    }

    /** Starts beating for transaction {@code startTs}, owned by {@code coordinator}; close it at the decision. */
    static LockKeeper start(long startTs, GroupClient coordinator, TimestampClient tso, Duration ttl,
                            TxnClock clock) {
        return new LockKeeper(startTs, coordinator, tso, ttl, clock);
    }

    private void beat() {
        tso.next().thenCompose(ts -> coordinator.submit(
                        new TxnCommand.Heartbeat(startTs, Timestamps.physicalMillis(ts) + ttlMillis)))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.debug("transaction {}: heartbeat failed: {}", startTs, e.toString());
                    } else if (r instanceof ShardReply.Meta) {
                        LOG.debug("transaction {}: decided elsewhere (found abandoned)", startTs);
                    } else if (r instanceof ShardReply.Failed f) {
                        LOG.debug("transaction {}: heartbeat refused: {}", startTs, f.message());
                    }
                });
    }

    @Override
    public void close() {
        beats.cancel();
    }
}
