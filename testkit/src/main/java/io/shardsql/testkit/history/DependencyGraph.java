package io.shardsql.testkit.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The dependency graph over a history's committed transactions (nodes {@code 0..n-1}), with the
 * two searches the checker needs: strongly connected components (Tarjan) over a subset of edge
 * kinds, and a shortest path between two nodes within a component over a subset of edge kinds.
 */
final class DependencyGraph {

    /** The kinds of dependency, as Adya names them. */
    enum Kind {
        /** {@code from} wrote a version, {@code to} wrote the next one. */
        WW,
        /** {@code to} read the version {@code from} wrote. */
        WR,
        /** {@code from} read a version, {@code to} wrote the next one (anti-dependency). */
        RW
    }

    /** One edge; {@code key} is the key that made it. */
    record Edge(int from, int to, Kind kind, long key) {
        String render() { return "-" + kind.name().toLowerCase() + "(k" + key + ")->"; }
    }

    private final int size;
    private final List<List<Edge>> out;
    private final Set<Edge> present = new HashSet<>();

    DependencyGraph(int size) {
        this.size = size;
        this.out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) out.add(new ArrayList<>());
    }

    int size() { return size; }

    /** Adds an edge (self-loops and repeats are ignored). */
    void add(int from, int to, Kind kind, long key) {
        if (from == to) return;
        Edge e = new Edge(from, to, kind, key);
        if (present.add(e)) out.get(from).add(e);
    }

    List<Edge> edges(int from) { return out.get(from); }

    int edgeCount() { return present.size(); }

    /**
     * Tarjan's algorithm over the edges {@code use} accepts, iterative (histories have many
     * thousands of nodes): the components of more than one node, each as its nodes.
     */
    List<int[]> components(Predicate<Edge> use) {
        int[] index = new int[size];
        int[] low = new int[size];
        boolean[] onStack = new boolean[size];
        Arrays.fill(index, -1);
        Deque<Integer> stack = new ArrayDeque<>();
        List<int[]> found = new ArrayList<>();
        int[] next = {0};
        for (int root = 0; root < size; root++) {
            if (index[root] < 0) strongConnect(root, use, index, low, onStack, stack, found, next);
        }
        return found;
    }

    private void strongConnect(int root, Predicate<Edge> use, int[] index, int[] low, boolean[] onStack,
                               Deque<Integer> stack, List<int[]> found, int[] next) {
        Deque<int[]> calls = new ArrayDeque<>(); // {node, position in its edge list}
        visit(root, index, low, onStack, stack, next);
        calls.push(new int[] {root, 0});
        while (!calls.isEmpty()) {
            int[] frame = calls.peek();
            int v = frame[0];
            List<Edge> edges = out.get(v);
            if (frame[1] < edges.size()) {
                Edge e = edges.get(frame[1]++);
                if (!use.test(e)) continue;
                int w = e.to();
                if (index[w] < 0) {
                    visit(w, index, low, onStack, stack, next);
                    calls.push(new int[] {w, 0});
                } else if (onStack[w]) {
                    low[v] = Math.min(low[v], index[w]);
                }
                continue;
            }
            calls.pop();
            if (!calls.isEmpty()) low[calls.peek()[0]] = Math.min(low[calls.peek()[0]], low[v]);
            if (low[v] == index[v]) {
                List<Integer> component = new ArrayList<>();
                int w;
                do {
                    w = stack.pop();
                    onStack[w] = false;
                    component.add(w);
                } while (w != v);
                if (component.size() > 1) found.add(component.stream().mapToInt(Integer::intValue).toArray());
            }
        }
    }

    private static void visit(int v, int[] index, int[] low, boolean[] onStack, Deque<Integer> stack, int[] next) {
        index[v] = next[0];
        low[v] = next[0]++;
        stack.push(v);
        onStack[v] = true;
    }

    /**
     * A shortest path from {@code from} to {@code to} (breadth first) over the edges {@code use}
     * accepts, staying on nodes {@code within} accepts; empty if there is none ({@code from != to}).
     */
    List<Edge> path(int from, int to, Predicate<Edge> use, boolean[] within) {
        Edge[] via = new Edge[size];
        boolean[] seen = new boolean[size];
        Deque<Integer> queue = new ArrayDeque<>();
        queue.add(from);
        seen[from] = true;
        while (!queue.isEmpty()) {
            int v = queue.poll();
            for (Edge e : out.get(v)) {
                int w = e.to();
                if (seen[w] || !within[w] || !use.test(e)) continue;
                seen[w] = true;
                via[w] = e;
                if (w == to) return unwind(via, from, to);
                queue.add(w);
            }
        }
        return List.of();
    }

    private static List<Edge> unwind(Edge[] via, int from, int to) {
        List<Edge> path = new ArrayList<>();
        for (int v = to; v != from; v = via[v].from()) path.add(0, via[v]);
        return path;
    }
}
