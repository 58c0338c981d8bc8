package io.shardsql.txn.log;

import io.shardsql.storage.raft.command.ShardReply;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TimestampAllocator} with a clock and a limit-raising log under the test's control: each
 * raise is a future the test completes (as the applied {@code RaiseTimestampLimit} would, with the
 * limit it replaced), and {@link #persisted} is the limit the group's store holds.
 */
@Timeout(30)
class TimestampAllocatorTest {
    private static final long START_MILLIS = 1_700_000_000_000L;
    private static final long WINDOW_MILLIS = 10;
    private static final long WINDOW_TS = WINDOW_MILLIS << TimestampAllocator.LOGICAL_BITS;

    private final AtomicLong clock = new AtomicLong(START_MILLIS);
    private final AtomicLong nanos = new AtomicLong();
    private final List<Long> requested = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Long>> raises = new CopyOnWriteArrayList<>();
    private volatile long persisted;
    private final TimestampAllocator allocator = new TimestampAllocator(clock::get, nanos::get, WINDOW_MILLIS, limit -> {
        CompletableFuture<Long> raise = new CompletableFuture<>();
        requested.add(limit);
        raises.add(raise);
        return raise;
    });

    @Test
    void theFirstAllocationWaitsForARaiseAndThenStartsAtTheClock() {
        CompletableFuture<ShardReply> first = allocate(10, 1);

        assertThat(first).isNotDone();
        assertThat(requested).hasSize(1);
        assertThat(requested.get(0)).isGreaterThanOrEqualTo(ts(START_MILLIS) + 10);

        applyRaise(0);

        assertThat(timestamps(first)).isEqualTo(new ShardReply.Timestamps(ts(START_MILLIS), 10));
    }

    @Test
    void timestampsStrictlyIncreaseAcrossCalls() {
        warmUp(1);
        List<ShardReply.Timestamps> issued = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            if (i == 5) clock.addAndGet(-1_000);
            if (i == 10) clock.addAndGet(1_000 + 1);
            issued.add(allocateNow(1 + i % 3, 1));
        }

        assertIncreasingAndDisjoint(issued);
        assertThat(issued.get(10).first()).isEqualTo(ts(START_MILLIS + 1));
    }

    @Test
    void noTimestampAtOrAboveThePersistedLimitIsHandedOutBeforeTheRaiseIsApplied() {
        warmUp(1);
        long limit = persisted;
        List<ShardReply.Timestamps> issued = new ArrayList<>();
        CompletableFuture<ShardReply> pending;
        while ((pending = allocate(100_000, 1)).isDone()) issued.add(timestamps(pending));

        assertThat(requested).hasSize(2);
        assertThat(issued).isNotEmpty().allSatisfy(t -> assertThat(t.first() + t.count()).isLessThanOrEqualTo(limit));
        assertThat(allocate(100_000, 1)).isNotDone();

        applyRaise(1);

        ShardReply.Timestamps after = timestamps(pending);
        assertThat(after.first() + after.count()).isLessThanOrEqualTo(persisted);
        issued.add(after);
        assertIncreasingAndDisjoint(issued);
    }

    @Test
    void theClockRunningPastTheLimitWaitsForARaise() {
        warmUp(1);
        clock.addAndGet(10 * WINDOW_MILLIS);

        CompletableFuture<ShardReply> pending = allocate(1, 1);

        assertThat(pending).isNotDone();
        applyRaise(1);
        assertThat(timestamps(pending).first()).isEqualTo(ts(START_MILLIS + 10 * WINDOW_MILLIS));
        assertThat(timestamps(pending).first()).isLessThan(persisted);
    }

    @Test
    void aNewTermStartsAtThePersistedLimitEvenWhenTheClockIsBehind() {
        warmUp(1);
        ShardReply.Timestamps before = allocateNow(5, 1);
        persisted += 100 * WINDOW_TS; // a leader of term 2 raised the limit and may have used all of it

        CompletableFuture<ShardReply> inTerm3 = allocate(5, 3);

        assertThat(inTerm3).isNotDone();
        long limitOfTerm2 = persisted;
        // the fence learns term 2's limit, then raises above it
        while (!inTerm3.isDone()) applyRaise(requested.size() - 1);
        assertThat(timestamps(inTerm3).first()).isEqualTo(limitOfTerm2);
        assertThat(timestamps(inTerm3).first()).isGreaterThan(before.first() + before.count());
    }

    @Test
    void aReelectedLeaderNeverGoesBelowWhatItIssuedBefore() {
        warmUp(1);
        List<ShardReply.Timestamps> issued = new ArrayList<>();
        issued.add(allocateNow(5, 1));
        clock.addAndGet(-60_000);

        CompletableFuture<ShardReply> inTerm2 = allocate(5, 2);
        applyRaise(requested.size() - 1);
        issued.add(timestamps(inTerm2));
        issued.add(allocateNow(5, 2));

        assertIncreasingAndDisjoint(issued);
    }

    @Test
    void aFailedRaiseFailsTheAllocationAndTheNextOneRaisesAgain() {
        CompletableFuture<ShardReply> failing = allocate(1, 1);
        raises.get(0).completeExceptionally(new ShardSqlException(ErrorCode.UNAVAILABLE, "leader gone"));

        assertThat(failing).isCompletedExceptionally();
        assertThat(ShardSqlException.find(causeOf(failing))).isNotNull()
                .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));

        CompletableFuture<ShardReply> retry = allocate(1, 1);
        assertThat(requested).hasSize(2);
        applyRaise(1);
        assertThat(timestamps(retry).first()).isLessThan(persisted);
    }

    @Test
    void afterTheClockJumpsBackTheOraclesTimeAdvancesWithElapsedTime() {
        warmUp(1);
        clock.addAndGet(-Duration.ofMinutes(10).toMillis());
        nanos.addAndGet(Duration.ofMillis(2_000).toNanos());

        // Not stuck at the last timestamp until the clock catches up (lock TTLs count in this time).
        assertThat(allocateRaising(1, 1).first()).isGreaterThanOrEqualTo(ts(START_MILLIS + 2_000));
    }

    @Test
    void aNewLeaderBehindItsPredecessorCarriesTheOraclesTimeOnFromTheLimitItInherits() {
        long aheadMillis = START_MILLIS + Duration.ofMinutes(5).toMillis();
        persisted = ts(aheadMillis + WINDOW_MILLIS); // left by a leader whose clock was five minutes ahead
        ShardReply.Timestamps inherited = allocateRaising(1, 2);
        assertThat(inherited.first()).isGreaterThanOrEqualTo(ts(aheadMillis + WINDOW_MILLIS));

        nanos.addAndGet(Duration.ofMillis(1_000).toNanos());

        // A second later in the oracle's time too, less at most the window it could not know about.
        assertThat(allocateRaising(1, 2).first()).isGreaterThanOrEqualTo(ts(aheadMillis + 1_000 - WINDOW_MILLIS));
    }

    @Test
    void aRaiseAnsweredAtOnceIsUsedAtOnce() {
        AtomicLong stored = new AtomicLong();
        TimestampAllocator immediate = new TimestampAllocator(clock::get, nanos::get, WINDOW_MILLIS,
                limit -> CompletableFuture.completedFuture(stored.getAndAccumulate(limit, Math::max)));

        ShardReply.Timestamps first = timestamps(immediate.allocate(3, 1));
        ShardReply.Timestamps second = timestamps(immediate.allocate(3, 1));

        assertThat(first).isEqualTo(new ShardReply.Timestamps(ts(START_MILLIS), 3));
        assertIncreasingAndDisjoint(List.of(first, second));
    }

    @Test
    void aRaiseThatFailsAtOnceOrThrowsFailsTheAllocationWithoutBlockingLaterOnes() {
        AtomicInteger calls = new AtomicInteger();
        TimestampAllocator flaky = new TimestampAllocator(clock::get, nanos::get, WINDOW_MILLIS,
                limit -> switch (calls.getAndIncrement()) {
            case 0 -> CompletableFuture.failedFuture(new ShardSqlException(ErrorCode.UNAVAILABLE, "not proposed"));
            case 1 -> throw new ShardSqlException(ErrorCode.UNAVAILABLE, "no server");
            default -> CompletableFuture.completedFuture(0L);
        });

        assertThat(flaky.allocate(1, 1)).isCompletedExceptionally();
        assertThat(flaky.allocate(1, 1)).isCompletedExceptionally();
        assertThat(timestamps(flaky.allocate(1, 1)).first()).isEqualTo(ts(START_MILLIS));
        assertThat(calls).hasValue(3);
    }

    @Test
    void allocationsWhileARaiseIsInFlightShareIt() {
        List<CompletableFuture<ShardReply>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) waiting.add(allocate(100, 1));

        assertThat(requested).hasSize(1);
        assertThat(waiting).allSatisfy(f -> assertThat(f).isNotDone());

        applyRaise(0);

        List<ShardReply.Timestamps> issued = waiting.stream().map(TimestampAllocatorTest::timestamps).toList();
        assertThat(requested).hasSize(1);
        assertIncreasingAndDisjoint(sortedByFirst(issued));
        assertThat(issued).allSatisfy(t -> assertThat(t.first() + t.count()).isLessThanOrEqualTo(persisted));
    }

    @Test
    void allocationsFromManyThreadsWhileARaiseIsInFlightShareIt() throws Exception {
        List<CompletableFuture<ShardReply>> waiting = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                for (int j = 0; j < 50; j++) waiting.add(allocate(7, 1));
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();

        assertThat(requested).hasSize(1);
        applyRaise(0);

        List<ShardReply.Timestamps> issued = waiting.stream().map(TimestampAllocatorTest::timestamps).toList();
        assertThat(issued).hasSize(400);
        assertIncreasingAndDisjoint(sortedByFirst(issued));
        assertThat(issued).allSatisfy(t -> assertThat(t.first() + t.count()).isLessThanOrEqualTo(persisted));
    }

    // ---------------------------------------------------------------- helpers

    private CompletableFuture<ShardReply> allocate(int count, long term) {
        return allocator.allocate(count, term);
    }

    /** An allocation that must be answered without a raise. */
    private ShardReply.Timestamps allocateNow(int count, long term) {
        CompletableFuture<ShardReply> f = allocate(count, term);
        assertThat(f).as("allocated without waiting for a raise").isDone();
        return timestamps(f);
    }

    /** An allocation, applying the raises it asks for until it is answered. */
    private ShardReply.Timestamps allocateRaising(int count, long term) {
        CompletableFuture<ShardReply> f = allocate(count, term);
        for (int applied = requested.size(); !f.isDone(); applied = requested.size()) {
            assertThat(applied).as("raises asked for").isLessThan(5);
            applyRaise(applied - 1);
        }
        return timestamps(f);
    }

    /** Gets term {@code term} going: the first allocation raises the limit, which is applied. */
    private void warmUp(long term) {
        CompletableFuture<ShardReply> first = allocate(1, term);
        applyRaise(requested.size() - 1);
        timestamps(first);
    }

    /**
     * Raise {@code i} is applied: the persisted limit goes up to what it asked for, never down, and the
     * raise answers with the limit it replaced.
     */
    private void applyRaise(int i) {
        long previous = persisted;
        persisted = Math.max(persisted, requested.get(i));
        raises.get(i).complete(previous);
    }

    private static ShardReply.Timestamps timestamps(CompletableFuture<ShardReply> f) {
        assertThat(f).isDone();
        ShardReply reply = f.join();
        assertThat(reply).isInstanceOf(ShardReply.Timestamps.class);
        return (ShardReply.Timestamps) reply;
    }

    private static Throwable causeOf(CompletableFuture<?> failed) {
        try {
            failed.get();
            throw new AssertionError("expected a failed future");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static List<ShardReply.Timestamps> sortedByFirst(List<ShardReply.Timestamps> issued) {
        return issued.stream().sorted((a, b) -> Long.compare(a.first(), b.first())).toList();
    }

    /** Each range starts after the previous one ended. */
    private static void assertIncreasingAndDisjoint(List<ShardReply.Timestamps> issued) {
        for (int i = 1; i < issued.size(); i++) {
            ShardReply.Timestamps prev = issued.get(i - 1);
            assertThat(issued.get(i).first()).as("range %d starts after range %d", i, i - 1)
                    .isGreaterThanOrEqualTo(prev.first() + prev.count());
        }
        assertThat(issued).allSatisfy(t -> assertThat(t.count()).isPositive());
    }

    private static long ts(long millis) {
        return millis << TimestampAllocator.LOGICAL_BITS;
    }
}
