package io.shardsql.txn.impl;

import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.txn.spi.ClusterGroups;
import io.shardsql.txn.spi.Groups;
import io.shardsql.txn.spi.TxnClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The background work a node does for transactions, on one daemon thread: coordinator recovery for
 * the coordinator groups it leads, garbage collection (with abandoned-lock sweeping) for the groups
 * it leads, and the publication of its oldest running transaction
 * ({@link io.shardsql.txn.ActiveTransactions}). A failed round is logged and the next one tries again.
 */
public final class TxnServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TxnServices.class);

    private final TransactionManagerImpl txns;
    private final CoordinatorRecovery recovery;
    private final GarbageCollection gc;
    private final ActivityPublisher publisher;
    private final ScheduledExecutorService scheduler;

    /** The services of node {@code nodeId} over a cluster, on their own daemon thread and the system clock. */
    public TxnServices(ClusterClient cluster, TransactionManagerImpl txns, String nodeId,
                       Predicate<GroupName> leadsHere) {
        this(cluster, txns, nodeId, leadsHere, TxnClock.SYSTEM);
    }

    /** The services of node {@code nodeId} over a cluster, on their own daemon thread and the node's {@code clock}. */
    public TxnServices(ClusterClient cluster, TransactionManagerImpl txns, String nodeId,
                       Predicate<GroupName> leadsHere, TxnClock clock) {
        this(new ClusterGroups(cluster), txns, nodeId, leadsHere, clock, daemonScheduler(nodeId));
    }

    /**
     * The services of node {@code nodeId} over {@code groups}.
     *
     * @param clock     the wall clock of the recovery grace period
     * @param scheduler runs the rounds ({@link #start}); {@link #close} shuts it down
     */
    public TxnServices(Groups groups, TransactionManagerImpl txns, String nodeId, Predicate<GroupName> leadsHere,
                       TxnClock clock, ScheduledExecutorService scheduler) {
        this.txns = txns;
        this.recovery = new CoordinatorRecovery(groups, leadsHere, txns.settings().recoveryInterval().toMillis(),
                clock);
        this.publisher = new ActivityPublisher(groups, txns, nodeId);
        this.gc = new GarbageCollection(groups, txns, publisher, leadsHere);
        this.scheduler = scheduler;
    }

    private static ScheduledExecutorService daemonScheduler(String nodeId) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "txn-services-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    public TxnServices start() {
        long recoveryMillis = txns.settings().recoveryInterval().toMillis();
        long gcMillis = txns.settings().gcInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> quietly("coordinator recovery", recovery::runOnce), recoveryMillis,
                recoveryMillis, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> quietly("garbage collection", gc::runOnce), gcMillis, gcMillis,
                TimeUnit.MILLISECONDS);
        long publishMillis = txns.settings().activePublishInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> quietly("active-transaction publication", publisher::publish), 0,
                publishMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One recovery pass now (tests); returns how many decisions it finished. */
    public int recoverNow() { return recovery.runOnce(); }

    CoordinatorRecovery recovery() { return recovery; }

    /** One garbage-collection pass now (tests); returns the safe point it used. */
    public long collectNow() { return gc.runOnce(); }

    private static void quietly(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("{} round failed: {}", what, e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
