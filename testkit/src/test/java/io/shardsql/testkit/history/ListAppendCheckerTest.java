package io.shardsql.testkit.history;

import io.shardsql.testkit.history.Anomaly.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.shardsql.testkit.history.Outcome.FAILED;
import static io.shardsql.testkit.history.Outcome.OK;
import static io.shardsql.testkit.history.Outcome.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hand-made histories: one per anomaly the checker reports, and clean ones it must pass. */
@Timeout(60)
class ListAppendCheckerTest {

    private static MicroOp append(long key, long value) { return new MicroOp.Append(key, value); }

    private static MicroOp read(long key, Long... values) { return new MicroOp.Read(key, Arrays.asList(values)); }

    private static Txn t(long id, Outcome outcome, MicroOp... ops) { return Txn.of(id, outcome, ops); }

    /** A transaction concurrent with every other (invoked at 0, completed at 10^9). */
    private static Txn c(long id, Outcome outcome, MicroOp... ops) {
        return new Txn(id, 0, 0, 1_000_000_000, outcome, List.of(ops), null);
    }

    private static CheckResult check(Txn... txns) {
        CheckResult r = ListAppendChecker.check(List.of(txns));
        System.out.println(r.summary());
        return r;
    }

    /** The only anomaly types found (each at least once). */
    private static void assertFound(CheckResult r, Type... types) {
        assertThat(r.counts().keySet()).containsExactlyInAnyOrder(types);
    }

    @Test
    void aSerialHistoryIsValid() {
        CheckResult r = check(
                t(1, OK, append(1, 1), append(2, 1)),
                t(2, OK, read(1, 1L), append(1, 2), read(1, 1L, 2L)),
                t(3, FAILED, append(1, 3)),
                t(4, OK, read(1, 1L, 2L), read(2, 1L), append(2, 2)),
                t(5, OK, read(1, 1L, 2L), read(2, 1L, 2L)));
        assertThat(r.valid()).isTrue();
        assertThat(r.ok()).isEqualTo(4);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.edges()).isPositive();
    }

    @Test
    void writeSkewIsAllowedUnderSnapshotIsolation() {
        // T1 and T2 each read both keys empty and append to a different one: a G2 cycle with two rw edges.
        CheckResult r = check(
                c(1, OK, read(1), read(2), append(1, 1)),
                c(2, OK, read(1), read(2), append(2, 1)),
                t(2_000, OK, read(1, 1L), read(2, 1L)));
        assertThat(r.valid()).as(r.summary()).isTrue();
    }

    @Test
    void writeSkewIsAG2CycleUnderSerializability() {
        CheckResult r = ListAppendChecker.check(List.of(
                c(1, OK, read(1), read(2), append(1, 1)),
                c(2, OK, read(1), read(2), append(2, 1)),
                t(2_000, OK, read(1, 1L), read(2, 1L))), Consistency.SERIALIZABLE);
        assertFound(r, Type.G2);
        assertThat(r.of(Type.G2).get(0).rwEdges()).isEqualTo(2);
        assertThat(r.of(Type.G2).get(0).description()).contains("-rw(k1)->").contains("-rw(k2)->");
    }

    @Test
    void aSerialHistoryIsValidUnderSerializabilityToo() {
        CheckResult r = ListAppendChecker.check(List.of(
                t(1, OK, append(1, 1), append(2, 1)),
                t(2, OK, read(1, 1L), read(2, 1L), append(1, 2)),
                t(3, OK, read(1, 1L, 2L), read(2, 1L), append(2, 2)),
                t(4, OK, read(1, 1L, 2L), read(2, 1L, 2L))), Consistency.SERIALIZABLE);
        assertThat(r.valid()).as(r.summary()).isTrue();
    }

    @Test
    void aCycleWithOneRwEdgeIsGSingleNotG2UnderSerializability() {
        CheckResult r = ListAppendChecker.check(List.of(
                c(1, OK, append(1, 1), append(2, 1)),
                c(2, OK, read(1), read(2, 1L)),
                c(3, OK, read(1, 1L))), Consistency.SERIALIZABLE);
        assertFound(r, Type.G_SINGLE);
    }

    @Test
    void g0WriteCycle() {
        CheckResult r = check(
                t(1, OK, append(1, 1), append(2, 1)),
                t(2, OK, append(1, 2), append(2, 2)),
                t(3, OK, read(1, 1L, 2L)),
                t(4, OK, read(2, 2L, 1L)));
        assertFound(r, Type.G0);
        assertThat(r.of(Type.G0).get(0).txns()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(r.of(Type.G0).get(0).description()).contains("-ww(k1)->").contains("-ww(k2)->");
    }

    @Test
    void g1aAbortedRead() {
        CheckResult r = check(t(1, FAILED, append(1, 1)), t(2, OK, read(1, 1L)));
        assertFound(r, Type.G1A);
        assertThat(r.of(Type.G1A).get(0).txns()).containsExactly(1L, 2L);
    }

    @Test
    void g1bIntermediateRead() {
        CheckResult r = check(t(1, OK, append(1, 1), append(1, 2)), t(2, OK, read(1, 1L)), t(3, OK, read(1, 1L, 2L)));
        assertThat(r.counts()).containsKey(Type.G1B);
        assertThat(r.of(Type.G1B).get(0).txns()).containsExactly(1L, 2L);
    }

    @Test
    void g1cCircularInformationFlow() {
        CheckResult r = check(
                t(1, OK, append(1, 1), read(2, 2L)),
                t(2, OK, append(2, 2), read(1, 1L)));
        assertFound(r, Type.G1C);
        assertThat(r.of(Type.G1C).get(0).description()).contains("-wr(k1)->").contains("-wr(k2)->");
    }

    @Test
    void lostUpdate() {
        CheckResult r = check(
                t(1, OK, read(1), append(1, 1)),
                t(2, OK, read(1), append(1, 2)),
                t(3, OK, read(1, 1L, 2L)));
        assertThat(r.of(Type.LOST_UPDATE)).hasSize(1);
        assertThat(r.of(Type.LOST_UPDATE).get(0).txns()).containsExactly(1L, 2L);
        // T2 -rw-> T1 (T2 read before 1) and T1 -ww-> T2: also a cycle with one anti-dependency
        assertThat(r.of(Type.G_SINGLE)).hasSize(1);
    }

    @Test
    void gSingleReadSkew() {
        // T2 saw k2 after T1 but k1 before it
        CheckResult r = check(
                c(1, OK, append(1, 1), append(2, 1)),
                c(2, OK, read(1), read(2, 1L)),
                c(3, OK, read(1, 1L)));
        assertFound(r, Type.G_SINGLE);
        assertThat(r.of(Type.G_SINGLE).get(0).description()).contains("T2 -rw(k1)-> T1 -wr(k2)-> T2");
    }

    @Test
    void duplicateGarbageAndInternal() {
        assertFound(check(t(1, OK, append(1, 1)), t(2, OK, read(1, 1L, 1L))), Type.DUPLICATE);
        assertFound(check(t(1, OK, append(1, 1)), t(2, OK, read(1, 1L, 9L))), Type.GARBAGE);
        assertFound(check(t(1, OK, append(1, 1), read(1))), Type.INTERNAL);
    }

    @Test
    void incompatibleOrder() {
        CheckResult r = check(
                t(1, OK, append(1, 1)),
                t(2, OK, append(1, 2)),
                t(3, OK, read(1, 1L, 2L)),
                t(4, OK, read(1, 2L)));
        assertThat(r.of(Type.INCOMPATIBLE_ORDER)).hasSize(1);
        assertThat(r.of(Type.INCOMPATIBLE_ORDER).get(0).txns()).containsExactly(4L, 3L);
    }

    @Test
    void aCommittedAppendMissingFromALaterReadIsLost() {
        CheckResult r = check(t(1, OK, append(1, 1)), t(2, OK, append(1, 2)), t(3, OK, read(1, 2L)));
        assertFound(r, Type.LOST_APPEND);
        assertThat(r.of(Type.LOST_APPEND).get(0).txns()).containsExactly(1L, 3L);
    }

    @Test
    void aReadConcurrentWithAnAppendMayMissIt() {
        Txn writer = new Txn(1, 0, 10, 100, OK, List.of(append(1, 1)), null);
        Txn reader = new Txn(2, 1, 50, 60, OK, List.of(read(1)), null);
        assertThat(ListAppendChecker.check(List.of(writer, reader)).valid()).isTrue();
    }

    @Test
    void anUnknownAppendNobodyReadIsNeitherLostNorAborted() {
        CheckResult r = check(t(1, UNKNOWN, append(1, 1)), t(2, OK, read(1)));
        assertThat(r.valid()).isTrue();
        assertThat(r.unknownObserved()).isZero();
    }

    @Test
    void anUnknownAppendThatWasReadCountsAsCommitted() {
        CheckResult r = check(
                t(1, UNKNOWN, append(1, 1), append(2, 1)),
                t(2, OK, append(1, 2), append(2, 2)),
                t(3, OK, read(1, 1L, 2L)),
                t(4, OK, read(2, 2L, 1L)));
        assertThat(r.unknownObserved()).isEqualTo(1);
        assertFound(r, Type.G0);
        assertThat(r.of(Type.G0).get(0).txns()).contains(1L);
    }

    @Test
    void theSameValueAppendedTwiceIsAWorkloadBug() {
        assertThatThrownBy(() -> check(t(1, OK, append(1, 1)), t(2, OK, append(1, 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLongSerialHistoryIsCheckedQuickly() {
        // 100 keys of 200 elements each: every read a different version, chains of 200 ww edges per key
        List<Txn> txns = new ArrayList<>();
        List<List<Long>> lists = new ArrayList<>();
        for (int k = 0; k < 100; k++) lists.add(new ArrayList<>());
        for (int i = 1; i <= 20_000; i++) {
            int k = i % 100;
            txns.add(t(i, OK, new MicroOp.Read(k, lists.get(k)), append(k, i), new MicroOp.Read((k + 1) % 100,
                    lists.get((k + 1) % 100))));
            lists.get(k).add((long) i);
        }
        long start = System.nanoTime();
        CheckResult r = ListAppendChecker.check(txns);
        assertThat(r.valid()).as(r.summary()).isTrue();
        System.out.printf("20,000 transactions checked in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void theRecorderKeepsOrderOutcomesAndTheUnfinished() {
        History h = new History();
        History.Invocation a = h.invoke(0, List.of(MicroOp.Read.of(1), append(1, 1)));
        History.Invocation b = h.invoke(1, List.of(append(1, 2)));
        History.Invocation c = h.invoke(2, List.of(append(1, 3)));
        a.complete(OK, List.of(read(1), append(1, 1)), null);
        b.complete(FAILED, List.of(), "40001");
        b.complete(OK, List.of(), null); // only the first completion counts
        List<Txn> all = h.transactions();
        assertThat(all).extracting(Txn::id).containsExactly(a.id(), b.id(), c.id());
        assertThat(all).extracting(Txn::outcome).containsExactly(OK, FAILED, UNKNOWN);
        assertThat(all.get(0).ops().get(0)).isEqualTo(read(1));
        assertThat(all.get(1).ops()).containsExactly(append(1, 2));
        assertThat(all.get(0).completeNanos()).isGreaterThanOrEqualTo(all.get(0).invokeNanos());
        assertThat(all.get(2).completeNanos()).isEqualTo(Long.MAX_VALUE);
    }
}
