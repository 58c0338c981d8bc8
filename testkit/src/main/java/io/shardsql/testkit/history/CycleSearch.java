package io.shardsql.testkit.history;

import io.shardsql.testkit.history.Anomaly.Type;
import io.shardsql.testkit.history.DependencyGraph.Edge;
import io.shardsql.testkit.history.DependencyGraph.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Finds the cycles snapshot isolation forbids, as Elle does: strongly connected components over a
 * subset of edge kinds first (Tarjan), then within each component a shortest cycle through a chosen
 * edge, at most one cycle per component and kind of anomaly.
 *
 * <ul>
 *   <li>G0: a component of ww edges; the cycle closes a ww edge.</li>
 *   <li>G1c: a component of ww and wr edges holding a wr edge; the cycle closes that wr edge.</li>
 *   <li>G-single: a component of all edges; a rw edge {@code a -> b} closed by a path {@code b -> a}
 *       of ww and wr edges only, so the cycle has exactly one rw edge.</li>
 * </ul>
 * Cycles with two or more rw edges (G2, write skew) are allowed under snapshot isolation and reported only
 * when checking {@link Consistency#SERIALIZABLE}:
 * <ul>
 *   <li>G2: a component of all edges; a rw edge closed by a path of any edges, the cycle holding two or more
 *       rw edges (one with a single rw edge is G-single, reported as such).</li>
 * </ul>
 */
final class CycleSearch {
    /** How many edges of one component are tried as the start of a cycle, at most. */
    private static final int MAX_TRIES = 5_000;

    private final DependencyGraph graph;
    private final List<Txn> nodes;
    private final Consistency consistency;

    CycleSearch(DependencyGraph graph, List<Txn> nodes, Consistency consistency) {
        this.graph = graph;
        this.nodes = nodes;
        this.consistency = consistency;
    }

    List<Anomaly> anomalies() {
        List<Anomaly> found = new ArrayList<>();
        search(Type.G0, e -> e.kind() == Kind.WW, e -> e.kind() == Kind.WW, e -> e.kind() == Kind.WW, found);
        search(Type.G1C, e -> e.kind() != Kind.RW, e -> e.kind() == Kind.WR, e -> e.kind() != Kind.RW, found);
        search(Type.G_SINGLE, e -> true, e -> e.kind() == Kind.RW, e -> e.kind() != Kind.RW, found);
        if (consistency == Consistency.SERIALIZABLE) {
            List<Anomaly> cycles = new ArrayList<>();
            search(Type.G2, e -> true, e -> e.kind() == Kind.RW, e -> true, cycles);
            for (Anomaly a : cycles) if (a.rwEdges() >= 2) found.add(a);
        }
        return found;
    }

    /**
     * For each component over {@code component} edges: the first edge {@code a -> b} that {@code start}
     * accepts and that a path {@code b -> a} over {@code close} edges within the component closes.
     */
    private void search(Type type, Predicate<Edge> component, Predicate<Edge> start, Predicate<Edge> close,
                        List<Anomaly> found) {
        for (int[] members : graph.components(component)) {
            boolean[] within = new boolean[graph.size()];
            for (int v : members) within[v] = true;
            List<Edge> cycle = firstCycle(members, within, start, close);
            if (!cycle.isEmpty()) found.add(anomaly(type, cycle));
        }
    }

    private List<Edge> firstCycle(int[] members, boolean[] within, Predicate<Edge> start, Predicate<Edge> close) {
        int tries = 0;
        for (int a : members) {
            for (Edge e : graph.edges(a)) {
                if (!within[e.to()] || !start.test(e)) continue;
                if (++tries > MAX_TRIES) return List.of();
                List<Edge> back = graph.path(e.to(), a, close, within);
                if (back.isEmpty()) continue;
                List<Edge> cycle = new ArrayList<>();
                cycle.add(e);
                cycle.addAll(back);
                return cycle;
            }
        }
        return List.of();
    }

    private Anomaly anomaly(Type type, List<Edge> cycle) {
        StringBuilder sb = new StringBuilder();
        List<Long> txns = new ArrayList<>();
        for (Edge e : cycle) {
            long id = nodes.get(e.from()).id();
            txns.add(id);
            sb.append('T').append(id).append(' ').append(e.render()).append(' ');
        }
        sb.append('T').append(nodes.get(cycle.get(0).from()).id());
        for (Edge e : cycle) sb.append("\n    T").append(nodes.get(e.from()).id()).append(": ")
                .append(nodes.get(e.from()).ops());
        int rw = (int) cycle.stream().filter(e -> e.kind() == Kind.RW).count();
        return new Anomaly(type, sb.toString(), txns, rw);
    }
}
