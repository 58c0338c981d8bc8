package io.shardsql.txn.impl;

import io.shardsql.storage.KvEntry;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardQuery.CheckReads.Span;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Recording and condensing of a SERIALIZABLE transaction's read spans. */
class ReadSetTest {
    private static final GroupName S0 = GroupName.shard(0);
    private static final GroupName S1 = GroupName.shard(1);
    private static final List<GroupName> ALL = List.of(S0, S1);

    /** Keys starting with 'a'..'m' live on shard 0, the others on shard 1. */
    private final ReadSet reads = new ReadSet(k -> k[0] <= 'm' ? S0 : S1, 8);

    @Test
    void aPointReadIsAOneKeySpanOnItsShardOnly() {
        reads.addKey(b("c"));
        reads.addKey(b("x"));

        assertThat(spans(reads.byGroup((s, e) -> ALL))).containsExactly(
                Map.entry(S0, List.of("[c, c\\0)")), Map.entry(S1, List.of("[x, x\\0)")));
    }

    @Test
    void overlappingAndTouchingSpansMerge() {
        reads.addRange(b("b"), b("d"));
        reads.addRange(b("d"), b("f"));   // touches
        reads.addRange(b("c"), b("e"));   // inside
        reads.addRange(b("h"), null);     // unbounded
        reads.addRange(b("k"), b("z"));   // inside the unbounded one

        assertThat(spans(reads.byGroup((s, e) -> List.of(S0))).get(S0)).containsExactly("[b, f)", "[h, ∞)");
        assertThat(reads.size()).isEqualTo(2);
    }

    @Test
    void aRangeGoesToEveryGroupThatMayHoldItsKeys() {
        reads.addRange(b("a"), b("z"));

        assertThat(spans(reads.byGroup((s, e) -> ALL))).containsOnlyKeys(S0, S1);
    }

    @Test
    void pastTheLimitNeighboursMergeIntoWiderSpansThatStillCoverEveryRead() {
        String[] keys = {"a", "b", "c", "d", "e", "f", "g", "h", "i"}; // nine spans on shard 0, limit 8
        for (String k : keys) reads.addKey(b(k + "1"));

        assertThat(reads.size()).isLessThanOrEqualTo(8);
        List<String> spans = spans(reads.byGroup((s, e) -> ALL)).get(S0);
        assertThat(spans.get(0)).isEqualTo("[a1, b1\\0)");
        for (String k : keys) assertThat(covered(reads, S0, b(k + "1"))).as(k).isTrue();
    }

    @Test
    void aScanCoversWhatItReturnedOrTheWholeRangeOnceItRanOut() {
        Iterator<KvEntry> first = reads.recording(List.of(entry("c"), entry("d"), entry("e")).iterator(),
                b("b"), b("g"));
        first.next();
        first.next(); // stopped early, as after a LIMIT 2
        Iterator<KvEntry> second = reads.recording(List.of(entry("x")).iterator(), b("w"), null);
        while (second.hasNext()) second.next();

        assertThat(spans(reads.byGroup((s, e) -> List.of(S1))).get(S1)).containsExactly("[b, d\\0)", "[w, ∞)");
    }

    @Test
    void aScanThatGoesOnAfterBeingFoldedWidensItsSpan() {
        Iterator<KvEntry> scan = reads.recording(List.of(entry("c"), entry("d")).iterator(), b("a"), b("f"));
        scan.next();
        assertThat(reads.size()).isEqualTo(1); // folds [a, c\0)
        scan.next();
        assertThat(scan.hasNext()).isFalse();

        assertThat(spans(reads.byGroup((s, e) -> List.of(S0))).get(S0)).containsExactly("[a, f)");
    }

    @Test
    void aScanThatReturnedNothingAndWasDroppedCoversNothing() {
        reads.recording(List.of(entry("c")).iterator(), b("a"), b("f"));

        assertThat(reads.isEmpty()).isTrue();
    }

    private static boolean covered(ReadSet reads, GroupName group, byte[] key) {
        return reads.byGroup((s, e) -> ALL).get(group).stream().anyMatch(sp ->
                java.util.Arrays.compareUnsigned(sp.start(), key) <= 0
                        && (sp.end() == null || java.util.Arrays.compareUnsigned(key, sp.end()) < 0));
    }

    private static Map<GroupName, List<String>> spans(Map<GroupName, List<Span>> byGroup) {
        Map<GroupName, List<String>> out = new java.util.TreeMap<>();
        byGroup.forEach((g, l) -> out.put(g, l.stream().map(ReadSetTest::text).toList()));
        return out;
    }

    private static String text(Span s) {
        return "[" + t(s.start()) + ", " + (s.end() == null ? "∞" : t(s.end())) + ")";
    }

    private static String t(byte[] key) {
        return new String(key, StandardCharsets.UTF_8).replace("\0", "\\0");
    }

    private static KvEntry entry(String key) { return new KvEntry(b(key), b("v"), 1); }

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
