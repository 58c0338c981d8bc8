package io.shardsql.txn.impl;

import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.txn.ActiveTransactions;
import io.shardsql.txn.CommitHook;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnInfo;
import io.shardsql.txn.TxnIsolation;
import io.shardsql.txn.TxnMode;
import io.shardsql.txn.TxnSettings;
import io.shardsql.txn.spi.ClusterGroups;
import io.shardsql.txn.spi.Groups;
import io.shardsql.txn.spi.TxnClock;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** Transactions of one node, over the {@link Groups} of a cluster (or of a test). */
public final class TransactionManagerImpl implements TransactionManager {
    private final Groups cluster;
    private final TxnClock clock;
    private final TxnSettings settings;
    private final TimestampClient tso;
    private final LockResolver resolver;
    private final SnapshotReader reader;
    private final CommitProtocol protocol;
    private final ConcurrentSkipListMap<Long, TransactionImpl> running = new ConcurrentSkipListMap<>();
    /**
     * Held shared by each begin from fetching its timestamp to registering it (see
     * {@link #oldestRunningAfterPendingBegins}).
     */
    private final ReentrantReadWriteLock beginning = new ReentrantReadWriteLock();

    /** Transactions over a cluster, on the system clock. */
    public TransactionManagerImpl(ClusterClient cluster, TxnSettings settings, Duration deadline, CommitHook hook) {
        this(cluster, settings, deadline, hook, TxnClock.SYSTEM);
    }

    /** Transactions over a cluster, on {@code clock} (a node's: tests give a node a clock that jumps). */
    public TransactionManagerImpl(ClusterClient cluster, TxnSettings settings, Duration deadline, CommitHook hook,
            TxnClock clock) {
        this(new ClusterGroups(cluster), settings, deadline, hook, clock);
    }

    /**
     * Transactions over {@code groups}.
     *
     * @param deadline how long a timestamp request keeps retrying while the oracle is unavailable
     * @param clock    the clock of lock ages, decision times, waits and backoff
     */
    public TransactionManagerImpl(Groups groups, TxnSettings settings, Duration deadline, CommitHook hook,
            TxnClock clock) {
        this.cluster = groups;
        this.clock = clock;
        this.settings = settings;
        this.tso = new TimestampClient(groups.control(), deadline, clock);
        this.resolver = new LockResolver(groups, tso, clock);
        this.reader = new SnapshotReader(groups, resolver, settings.lockWaitTimeout(), clock);
        this.protocol = new CommitProtocol(groups, tso, resolver, settings, hook, clock);
    }

    @Override
    public Transaction begin(TxnMode mode) {
        return begin(mode, TxnIsolation.SNAPSHOT);
    }

    @Override
    public Transaction begin(TxnMode mode, TxnIsolation isolation) {
        beginning.readLock().lock();
        try {
            TransactionImpl tx = new TransactionImpl(this, tso.await(tso.issue()), mode, isolation);
            running.put(tx.startTs(), tx);
            return tx;
        } finally {
            beginning.readLock().unlock();
        }
    }

    @Override
    public void readWithEveryBegin(byte[] key) {
        tso.readWithEveryTimestamp(key);
    }

    @Override
    public List<TxnInfo> inFlight() {
        return running.values().stream().map(TransactionImpl::info).toList();
    }

    @Override
    public long now() {
        return tso.now();
    }

    /** The start timestamp of the oldest transaction running here, if any (bounds the GC safe point). */
    public OptionalLong oldestRunning() {
        Map.Entry<Long, TransactionImpl> oldest = running.firstEntry();
        return oldest == null ? OptionalLong.empty() : OptionalLong.of(oldest.getKey());
    }

    /**
     * Like {@link #oldestRunning()}, but also counting every begin that already has its timestamp and
     * has not registered yet: begins in flight are waited out (for at most {@code maxWait}). So if
     * this is called after a timestamp {@code p} was issued, every transaction here with a start
     * below {@code p} is counted.
     *
     * @return the oldest start timestamp, {@link ActiveTransactions#NONE} if nothing runs, or empty if
     *     the begins in flight did not finish within {@code maxWait} (then nothing can be said)
     */
    public OptionalLong oldestRunningAfterPendingBegins(Duration maxWait) {
        try {
            if (!beginning.writeLock().tryLock(maxWait.toMillis(), TimeUnit.MILLISECONDS)) return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
        beginning.writeLock().unlock();
        return OptionalLong.of(oldestRunning().orElse(ActiveTransactions.NONE));
    }

    /** Who runs the transaction that began at {@code startTs} here ({@link Transaction#setHolder}), or "". */
    String holderOf(long startTs) {
        TransactionImpl tx = running.get(startTs);
        return tx == null ? "" : tx.holder();
    }

    public TxnSettings settings() { return settings; }

    Groups cluster() { return cluster; }

    TxnClock clock() { return clock; }

    SnapshotReader reader() { return reader; }

    CommitProtocol protocol() { return protocol; }

    LockResolver resolver() { return resolver; }

    TimestampClient timestamps() { return tso; }

    void finished(TransactionImpl tx) {
        running.remove(tx.startTs());
    }
}
