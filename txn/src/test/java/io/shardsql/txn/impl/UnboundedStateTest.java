package io.shardsql.txn.impl;

import io.shardsql.storage.Mutation;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.txn.Timestamps;
import io.shardsql.txn.log.Decisions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Background work over more state than one page (issue 17, hole 6): coordinator recovery pages through
 * every decision however many aborts wait ahead of a commit, and remembers a bounded number of pushed
 * aborts; garbage collection looks at every lock of a shard, not the first page of them.
 */
@Timeout(60)
class UnboundedStateTest extends TxnFixture {
    private final TxnServices services = new TxnServices(groups, txns, "n1", g -> true, clock,
            Executors.newSingleThreadScheduledExecutor());

    @AfterEach
    void close() {
        services.close();
    }

    @Test
    void recoveryFinishesACommitBehindMoreAbortsThanAPageHolds() {
        int aborts = CoordinatorRecovery.PAGE + CoordinatorRecovery.PAGE / 2;
        for (long ts = 1; ts <= aborts; ts++) plantDecision(0, ts, 0, List.of(GroupName.shard(0)));
        long committed = aborts + 100;
        plantLock(committed, TxnOwner.coordinator(0), key(1, "c"), "v");
        plantDecision(0, committed, committed + 1, List.of(GroupName.shard(1)));
        clock.advanceMillis(txns.settings().recoveryInterval().toMillis() + 1);

        int finished = 0;
        for (int pass = 0; pass < 3; pass++) finished += services.recoverNow();

        assertThat(finished).isEqualTo(1);
        assertThat(coord(0).store().meta(Decisions.name(committed))).isEmpty(); // pushed, then forgotten
        assertThat(shard(1).received()).anyMatch(r -> r instanceof ShardCommand.Resolve res
                && res.startTs() == committed && res.commitTs() == committed + 1 && res.keys().size() == 1);
        assertThat(locks()).isEmpty();
        assertThat(shard(1).store().latestCommitTs(key(1, "c"))).isEqualTo(committed + 1);
        assertThat(coord(0).store().meta(Decisions.name(1))).isPresent(); // aborts stay for garbage collection
    }

    @Test
    void pushedAbortsAreRememberedOnlyWhileTheLogHoldsThem() {
        int aborts = 2 * CoordinatorRecovery.PAGE + 10;
        for (long ts = 1; ts <= aborts; ts++) plantDecision(1, ts, 0, List.of(GroupName.shard(2)));
        clock.advanceMillis(txns.settings().recoveryInterval().toMillis() + 1);
        services.recoverNow();
        assertThat(recovery().abortsRemembered()).isEqualTo(aborts);
        long pushes = resolvesOn(2);
        services.recoverNow();
        assertThat(resolvesOn(2)).as("a remembered abort is not pushed again").isEqualTo(pushes);

        // garbage collection drops the aborts below its safe point from the coordinator's log
        coord(1).apply(new ShardCommand.CollectGarbage(aborts - 9));
        assertThat(coord(1).store().meta(Decisions.name(aborts - 10))).isEmpty();
        services.recoverNow();
        assertThat(recovery().abortsRemembered()).isEqualTo(10);
    }

    @Test
    void garbageCollectionFindsTheOldestLockBehindMoreLocksThanAPageHolds() {
        clock.advanceMillis(Duration.ofMinutes(20).toMillis());
        long now = Timestamps.ofMillis(clock.wallMillis());
        long young = Timestamps.ofMillis(clock.wallMillis() - Duration.ofMinutes(9).toMillis());
        long old = Timestamps.ofMillis(clock.wallMillis() - Duration.ofMinutes(19).toMillis());
        List<Mutation> many = new ArrayList<>();
        for (int i = 0; i < LockPages.PAGE; i++) many.add(Mutation.put(key(1, "a" + i), b("young")));
        prepare(young, many);
        prepare(old, List.of(Mutation.put(key(1, "z"), b("old")))); // sorts after every young lock

        services.collectNow();

        long safePoint = shard(1).received().stream().filter(r -> r instanceof ShardCommand.CollectGarbage)
                .mapToLong(r -> ((ShardCommand.CollectGarbage) r).safePointTs()).max().orElseThrow();
        assertThat(safePoint).as("below the oldest live lock (now %d)", now).isLessThanOrEqualTo(old);
    }

    /** Locks {@code mutations} for a live transaction {@code startTs} coordinated by coord-0 (TTL: an hour). */
    private void prepare(long startTs, List<Mutation> mutations) {
        ShardReply r = shard(1).apply(new ShardCommand.Prepare(startTs, TxnOwner.coordinator(0).encode(),
                Duration.ofHours(1).toMillis(), mutations));
        assertThat(r).isEqualTo(ShardReply.DONE);
    }

    private CoordinatorRecovery recovery() {
        return services.recovery();
    }

    /** How many times a decision was pushed to {@code shard}: each push reads its locks first. */
    private long resolvesOn(int shard) {
        return shard(shard).received().stream().filter(r -> r instanceof ShardQuery.ScanLocks).count();
    }
}
