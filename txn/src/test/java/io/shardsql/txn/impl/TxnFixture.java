package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.Mutation;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.txn.CommitHook;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TxnMode;
import io.shardsql.txn.TxnSettings;
import io.shardsql.txn.log.TxnCommand;
import io.shardsql.txn.memory.ManualClock;
import io.shardsql.txn.memory.MemoryGroup;
import io.shardsql.txn.memory.MemoryGroups;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A transaction manager over {@link MemoryGroups} (three shards, two coordinators) on a
 * {@link ManualClock}, and helpers to plant what a driver elsewhere would have left: locks, decisions.
 */
abstract class TxnFixture {
    static final long START_MILLIS = 1_700_000_000_000L;
    static final Duration LOCK_TTL = Duration.ofSeconds(5);

    final ManualClock clock = new ManualClock(START_MILLIS);
    final MemoryGroups groups = new MemoryGroups(3, 2, clock);
    final List<String> steps = new ArrayList<>();
    CommitHook hook = (step, startTs, group) -> steps.add(step + "@" + group);
    /** {@code txn.write-buffer-memory} of the managers {@link #manager} makes. */
    long writeBufferMemory = TxnSettings.DEFAULT_WRITE_BUFFER_MEMORY;
    TransactionManagerImpl txns = manager(Duration.ofSeconds(10));

    TransactionManagerImpl manager(Duration lockWait) {
        TxnSettings d = TxnSettings.defaults();
        TxnSettings settings = new TxnSettings(LOCK_TTL, lockWait, d.gcInterval(), d.gcRetention(),
                d.recoveryInterval(),
                d.activePublishInterval(), Duration.ZERO, d.timestampWindow(), writeBufferMemory);
        return new TransactionManagerImpl(groups, settings, Duration.ofSeconds(2), (s, ts, g) -> hook.reached(s, ts,
                g), clock);
    }

    MemoryGroup shard(int i) { return groups.get(GroupName.shard(i)); }

    MemoryGroup coord(int i) { return groups.coordinator(i); }

    /** A key on shard {@code i}. */
    byte[] key(int shard, String text) { return groups.keyOn(shard, text); }

    /** Commits {@code key = value} in a transaction of its own; returns the commit timestamp. */
    long write(byte[] key, String value) {
        Transaction tx = txns.begin(TxnMode.READ_WRITE);
        tx.put(key, b(value));
        return tx.commit();
    }

    /** The value of {@code key} as a new transaction reads it. */
    Optional<String> read(byte[] key) {
        try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
            return tx.get(key).map(TxnFixture::s);
        }
    }

    /** Plants the lock a driver of transaction {@code startTs} would have left on {@code key}'s shard. */
    void plantLock(long startTs, TxnOwner owner, byte[] key, String value) {
        ShardReply r = groups.group(groups.groupOf(key)).apply(new ShardCommand.Prepare(startTs, owner.encode(),
                LOCK_TTL.toMillis(), List.of(Mutation.put(key, b(value)))));
        assertThat(r).isEqualTo(ShardReply.DONE);
    }

    /** Records a decision on transaction {@code startTs} in coordinator {@code k} (commitTs 0: abort). */
    void plantDecision(int k, long startTs, long commitTs, List<GroupName> participants) {
        byte[] record = new DecisionRecord(startTs, commitTs, clock.wallMillis(), participants).encodeRecord();
        assertThat(coord(k).apply(new TxnCommand.RecordDecision(startTs, commitTs,
                record))).isInstanceOf(ShardReply.Meta.class);
    }

    /** The locks left on every shard. */
    List<LockEntry> locks() {
        List<LockEntry> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) all.addAll(shard(i).store().scanLocks(new byte[0], null, 100));
        return all;
    }

    /** Received requests of {@code group}, by simple class name. */
    static List<String> kinds(MemoryGroup group) {
        return group.received().stream().map(r -> r.getClass().getSimpleName()).toList();
    }

    static ErrorCode codeOf(ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(ShardSqlException.class);
        return ((ShardSqlException) t).code();
    }

    static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static String s(byte[] b) { return new String(b, StandardCharsets.UTF_8); }
}
