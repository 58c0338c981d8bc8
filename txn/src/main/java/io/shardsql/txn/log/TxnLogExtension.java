package io.shardsql.txn.log;

import io.shardsql.storage.raft.command.ExtensionCodecs;
import io.shardsql.storage.raft.machine.GroupExtension;
import io.shardsql.storage.raft.machine.ReplicaContext;
import io.shardsql.storage.raft.machine.ReplicaExtension;
import io.shardsql.txn.spi.TxnClock;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The transaction layer's part of every group's state machine: coordinator decisions
 * ({@link TxnCommand.RecordDecision}, {@link TxnCommand.ForgetDecisions}), the liveness of undecided
 * transactions ({@link TxnCommand.Heartbeat}, {@link TxnCommand.AbortIfStale}) and the timestamp oracle
 * ({@link TxnCommand.RaiseTimestampLimit}, {@link NextTimestamps}). A node gives it to its
 * {@code ReplicaHost}; each replica gets a {@link TxnReplica}.
 */
public final class TxnLogExtension implements GroupExtension {
    private final LongSupplier clockMillis;
    private final LongSupplier nanoTime;
    private final Duration timestampWindow;

    /** On the wall clock {@code clockMillis} and the system's monotonic clock. */
    public TxnLogExtension(LongSupplier clockMillis, Duration timestampWindow) {
        this(clockMillis, System::nanoTime, timestampWindow);
    }

    /** On {@code clock}: its wall time and its monotonic time (a node's clock: tests inject one that jumps). */
    public TxnLogExtension(TxnClock clock, Duration timestampWindow) {
        this(clock::wallMillis, clock::nanoTime, timestampWindow);
    }

    /**
     * @param clockMillis     the wall clock the oracle's timestamps follow (tests inject a jumping one)
     * @param nanoTime        a monotonic clock, which carries the oracle's time on while the wall clock is behind it
     * @param timestampWindow how far ahead of the clock the oracle raises its persisted limit
     */
    public TxnLogExtension(LongSupplier clockMillis, LongSupplier nanoTime, Duration timestampWindow) {
        this.clockMillis = clockMillis;
        this.nanoTime = nanoTime;
        this.timestampWindow = timestampWindow;
    }

    @Override
    public void registerCodecs(ExtensionCodecs.Registry codecs) {
        codecs.command(TxnCommand.RecordDecision.TAG, TxnCommand.RecordDecision::read)
                .command(TxnCommand.ForgetDecisions.TAG, TxnCommand.ForgetDecisions::read)
                .command(TxnCommand.RaiseTimestampLimit.TAG, TxnCommand.RaiseTimestampLimit::read)
                .command(TxnCommand.Heartbeat.TAG, TxnCommand.Heartbeat::read)
                .command(TxnCommand.AbortIfStale.TAG, TxnCommand.AbortIfStale::read)
                .query(NextTimestamps.TAG, NextTimestamps::read);
    }

    @Override
    public ReplicaExtension open(ReplicaContext replica) {
        return new TxnReplica(replica, clockMillis, nanoTime, timestampWindow);
    }
}
