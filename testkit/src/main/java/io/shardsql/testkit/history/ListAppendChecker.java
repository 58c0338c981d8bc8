package io.shardsql.testkit.history;

import io.shardsql.testkit.history.Anomaly.Type;
import io.shardsql.testkit.history.DependencyGraph.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a list-append history against snapshot isolation, the way Elle does.
 *
 * <ol>
 *   <li><b>Elements.</b> Every read of a committed transaction is checked for duplicates, for
 *       elements nobody appended (GARBAGE), elements of failed transactions (G1a), a last element
 *       that is not its writer's last append to the key (G1b), and a transaction's own appends
 *       missing from its later reads (INTERNAL). A transaction of unknown outcome whose append was
 *       read is taken as committed.</li>
 *   <li><b>Version order.</b> A key's list only grows by appends and every append rewrites the one
 *       row, so its versions are totally ordered and each read shows a prefix of that order: the
 *       longest read is the order; a read that is not a prefix of it is INCOMPATIBLE_ORDER.</li>
 *   <li><b>Direct checks.</b> LOST_UPDATE: two committed transactions read the same version of a
 *       key (before appending to it themselves) and both appended to it. LOST_APPEND: a committed
 *       append missing from a read of a transaction invoked after the append's transaction completed.</li>
 *   <li><b>Graph.</b> Over the committed transactions: ww from the writer of each element to the
 *       writer of the next, wr from the writer of a read's last element to the reader, rw from a
 *       reader to the writer of the element after the ones it saw. Then {@link CycleSearch}: G0, G1c,
 *       G-single, and G2 when checking {@link Consistency#SERIALIZABLE}.</li>
 * </ol>
 */
public final class ListAppendChecker {
    /** A read of a committed transaction; {@code external} drops the reader's own appends at its end. */
    private record Observed(Txn txn, long key, List<Long> values, List<Long> external, boolean ownAppendsBefore) { }

    private final List<Txn> history;
    private final List<Anomaly> anomalies = new ArrayList<>();
    private final Map<Long, Map<Long, Txn>> writerOf = new HashMap<>();
    private final Map<Long, Map<Long, List<Long>>> appendsOf = new HashMap<>();
    private final Map<Long, List<Observed>> readsOf = new LinkedHashMap<>();
    private final Set<Long> observedUnknown = new HashSet<>();
    private final Map<Long, List<Long>> order = new HashMap<>();
    private final Set<Observed> incompatible = new HashSet<>();

    private final Consistency consistency;

    private ListAppendChecker(List<Txn> history, Consistency consistency) {
        this.history = history;
        this.consistency = consistency;
    }

    /**
     * Checks {@code history} against snapshot isolation; two appends of the same value to the same key are a
     * workload bug (rejected).
     */
    public static CheckResult check(List<Txn> history) {
        return check(history, Consistency.SNAPSHOT_ISOLATION);
    }

    /** Checks {@code history} against {@code consistency} (serializability adds G2 cycles to what is reported). */
    public static CheckResult check(List<Txn> history, Consistency consistency) {
        return new ListAppendChecker(history, consistency).run();
    }

    private CheckResult run() {
        indexAppends();
        for (Txn t : history) if (t.outcome() == Outcome.OK) checkReads(t);
        for (Map.Entry<Long, List<Observed>> e : readsOf.entrySet()) inferOrder(e.getKey(), e.getValue());
        checkLostUpdates();
        checkLostAppends();
        List<Txn> nodes = history.stream().filter(this::committed).toList();
        DependencyGraph graph = buildGraph(nodes);
        anomalies.addAll(new CycleSearch(graph, nodes, consistency).anomalies());
        anomalies.sort(Comparator.comparing(Anomaly::type));
        int unknown = (int) history.stream().filter(t -> t.outcome() == Outcome.UNKNOWN).count();
        int failed = (int) history.stream().filter(t -> t.outcome() == Outcome.FAILED).count();
        return new CheckResult(anomalies, history.size() - unknown - failed, failed, unknown, observedUnknown.size(),
                graph.edgeCount());
    }

    private boolean committed(Txn t) {
        return t.outcome() == Outcome.OK || observedUnknown.contains(t.id());
    }

    private void indexAppends() {
        for (Txn t : history) {
            for (MicroOp op : t.ops()) {
                if (!(op instanceof MicroOp.Append a)) continue;
                Txn before = writerOf.computeIfAbsent(a.key(), k -> new HashMap<>()).put(a.value(), t);
                if (before != null) {
                    throw new IllegalArgumentException("value " + a.value() + " appended to key " + a.key()
                            + " twice: " + before + " and " + t);
                }
                appendsOf.computeIfAbsent(t.id(), id -> new HashMap<>())
                        .computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a.value());
            }
        }
    }

    private void checkReads(Txn t) {
        Map<Long, List<Long>> own = new HashMap<>();
        for (MicroOp op : t.ops()) {
            if (op instanceof MicroOp.Append a) {
                own.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a.value());
            } else if (op instanceof MicroOp.Read r && r.values() != null) {
                List<Long> mine = own.getOrDefault(r.key(), List.of());
                List<Long> external = checkOwnSuffix(t, r, mine);
                checkElements(t, r, external);
                Observed o = new Observed(t, r.key(), r.values(), external, !mine.isEmpty());
                readsOf.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(o);
            }
        }
    }

    /** The read without the transaction's own appends at its end; INTERNAL if they are not there. */
    private List<Long> checkOwnSuffix(Txn t, MicroOp.Read r, List<Long> mine) {
        List<Long> v = r.values();
        int cut = v.size() - mine.size();
        if (cut < 0 || !v.subList(cut, v.size()).equals(mine)) {
            anomalies.add(new Anomaly(Type.INTERNAL, "T" + t.id() + " appended " + brief(mine) + " to k" + r.key()
                    + " but then read " + brief(v), List.of(t.id())));
            return v.stream().filter(x -> !mine.contains(x)).toList();
        }
        return v.subList(0, cut);
    }

    private void checkElements(Txn t, MicroOp.Read r, List<Long> external) {
        List<Long> v = r.values();
        if (new HashSet<>(v).size() != v.size()) {
            anomalies.add(new Anomaly(Type.DUPLICATE, "T" + t.id() + " read k" + r.key() + " = " + brief(v),
                    List.of(t.id())));
        }
        Map<Long, Txn> writers = writerOf.getOrDefault(r.key(), Map.of());
        for (long x : v) {
            Txn w = writers.get(x);
            if (w == null) {
                anomalies.add(new Anomaly(Type.GARBAGE, "T" + t.id() + " read " + x + " in k" + r.key()
                        + ", which nobody appended", List.of(t.id())));
            } else if (w.outcome() == Outcome.FAILED) {
                anomalies.add(new Anomaly(Type.G1A, "T" + t.id() + " read " + x + " in k" + r.key()
                        + ", appended by the failed T" + w.id(), List.of(w.id(), t.id())));
            } else if (w.outcome() == Outcome.UNKNOWN) {
                observedUnknown.add(w.id());
            }
        }
        if (external.isEmpty()) return;
        long last = external.get(external.size() - 1);
        Txn w = writers.get(last);
        if (w == null || w.id() == t.id()) return;
        List<Long> itsAppends = appendsOf.get(w.id()).get(r.key());
        if (itsAppends.get(itsAppends.size() - 1) != last) {
            anomalies.add(new Anomaly(Type.G1B, "T" + t.id() + " read k" + r.key() + " ending in " + last
                    + ", but T" + w.id() + " appended " + brief(itsAppends), List.of(w.id(), t.id())));
        }
    }

    private void inferOrder(long key, List<Observed> reads) {
        Observed longest = reads.stream().max(Comparator.comparingInt(o -> o.values().size())).orElseThrow();
        List<Long> full = longest.values();
        order.put(key, full);
        for (Observed o : reads) {
            if (!full.subList(0, o.values().size()).equals(o.values())) {
                incompatible.add(o);
                int at = 0;
                while (full.get(at).equals(o.values().get(at))) at++;
                anomalies.add(new Anomaly(Type.INCOMPATIBLE_ORDER, "k" + key + ": T" + o.txn().id() + " read "
                        + brief(o.values()) + ", T" + longest.txn().id() + " read " + brief(full) + "; element " + at
                        + " is " + o.values().get(at) + " in one, " + full.get(at) + " in the other",
                        List.of(o.txn().id(), longest.txn().id())));
            }
        }
    }

    private void checkLostUpdates() {
        for (Map.Entry<Long, List<Observed>> e : readsOf.entrySet()) {
            Map<List<Long>, List<Long>> bySeen = new LinkedHashMap<>();
            for (Observed o : e.getValue()) {
                List<Long> mine = appendsOf.getOrDefault(o.txn().id(), Map.of()).get(e.getKey());
                if (o.ownAppendsBefore() || mine == null) continue;
                List<Long> txns = bySeen.computeIfAbsent(o.values(), v -> new ArrayList<>());
                if (!txns.contains(o.txn().id())) txns.add(o.txn().id());
            }
            bySeen.forEach((seen, txns) -> {
                if (txns.size() < 2) return;
                String last = seen.isEmpty() ? "the empty list" : "the version ending in " + seen.get(seen.size() - 1);
                anomalies.add(new Anomaly(Type.LOST_UPDATE, "k" + e.getKey() + ": " + render(txns) + " read "
                        + last + " and each appended to it", txns));
            });
        }
    }

    /** Committed appends missing from the compatible reads of transactions invoked after they completed. */
    private void checkLostAppends() {
        for (Map.Entry<Long, List<Observed>> e : readsOf.entrySet()) {
            List<Observed> reads = new ArrayList<>(e.getValue());
            reads.removeAll(incompatible);
            reads.sort(Comparator.comparingLong(o -> o.txn().invokeNanos()));
            int n = reads.size();
            long[] invoked = new long[n];
            int[] shortestFrom = new int[n + 1];
            shortestFrom[n] = Integer.MAX_VALUE;
            for (int i = n - 1; i >= 0; i--) {
                invoked[i] = reads.get(i).txn().invokeNanos();
                shortestFrom[i] = Math.min(shortestFrom[i + 1], reads.get(i).values().size());
            }
            List<Long> full = order.get(e.getKey());
            Map<Long, Integer> position = new HashMap<>();
            for (int i = 0; i < full.size(); i++) position.put(full.get(i), i);
            writerOf.getOrDefault(e.getKey(), Map.of()).forEach((value, w) -> {
                if (w.outcome() != Outcome.OK) return;
                int from = firstAfter(invoked, w.completeNanos());
                int pos = position.getOrDefault(value, Integer.MAX_VALUE);
                if (from < n && shortestFrom[from] <= pos) {
                    Observed r = reads.subList(from, n).stream().filter(o -> o.values().size() <= pos).findFirst()
                            .orElseThrow();
                    anomalies.add(new Anomaly(Type.LOST_APPEND, "T" + w.id() + " appended " + value + " to k"
                            + e.getKey() + " and committed; T" + r.txn().id() + ", begun later, read "
                            + brief(r.values()), List.of(w.id(), r.txn().id())));
                }
            });
        }
    }

    /** The first index whose value is above {@code t} ({@code values} sorted). */
    private static int firstAfter(long[] values, long t) {
        int i = Arrays.binarySearch(values, t);
        if (i < 0) return -i - 1;
        while (i < values.length && values[i] <= t) i++;
        return i;
    }

    private DependencyGraph buildGraph(List<Txn> nodes) {
        Map<Long, Integer> node = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) node.put(nodes.get(i).id(), i);
        DependencyGraph g = new DependencyGraph(nodes.size());
        for (Map.Entry<Long, List<Long>> e : order.entrySet()) {
            long key = e.getKey();
            Map<Long, Txn> writers = writerOf.getOrDefault(key, Map.of());
            List<Long> full = e.getValue();
            Integer[] writerNode = new Integer[full.size()];
            for (int i = 0; i < full.size(); i++) {
                Txn w = writers.get(full.get(i));
                writerNode[i] = w == null ? null : node.get(w.id());
            }
            for (int i = 0; i + 1 < full.size(); i++) {
                if (writerNode[i] != null && writerNode[i + 1] != null) {
                    g.add(writerNode[i], writerNode[i + 1], Kind.WW, key);
                }
            }
            for (Observed o : readsOf.get(key)) {
                if (incompatible.contains(o)) continue;
                int reader = node.get(o.txn().id());
                int seen = o.external().size();
                if (seen > 0 && writerNode[seen - 1] != null) g.add(writerNode[seen - 1], reader, Kind.WR, key);
                if (seen < full.size() && writerNode[seen] != null) g.add(reader, writerNode[seen], Kind.RW, key);
            }
        }
        return g;
    }

    /** A list as text, its middle left out if it is long. */
    static String brief(List<Long> list) {
        if (list.size() <= 8) return list.toString();
        return "[" + list.get(0) + ", " + list.get(1) + ", ... " + (list.size() - 5) + " more ..., "
                + list.get(list.size() - 3) + ", " + list.get(list.size() - 2) + ", " + list.get(list.size() - 1) + "]";
    }

    static String render(List<Long> txns) {
        return String.join(", ", txns.stream().map(id -> "T" + id).toList());
    }
}
