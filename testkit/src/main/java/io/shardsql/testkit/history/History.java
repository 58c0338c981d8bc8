package io.shardsql.testkit.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records transactions as clients run them: thread-safe and cheap (an id from a counter, one map
 * entry while the transaction runs, one queue entry when it completes). A transaction invoked but
 * never completed counts as {@link Outcome#UNKNOWN}.
 */
public final class History {
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Invocation> running = new ConcurrentHashMap<>();
    private final Queue<Txn> completed = new ConcurrentLinkedQueue<>();

    /** Records that {@code process} starts a transaction of {@code ops}; complete it with the returned handle. */
    public Invocation invoke(int process, List<MicroOp> ops) {
        Invocation inv = new Invocation(ids.incrementAndGet(), process, System.nanoTime(), List.copyOf(ops));
        running.put(inv.id, inv);
        return inv;
    }

    /** Every transaction so far in order of invocation; those still running as {@link Outcome#UNKNOWN}. */
    public List<Txn> transactions() {
        List<Txn> all = new ArrayList<>(completed);
        for (Invocation inv : running.values()) {
            all.add(new Txn(inv.id, inv.process, inv.invokeNanos, Long.MAX_VALUE, Outcome.UNKNOWN, inv.ops,
                    "never completed"));
        }
        all.sort(Comparator.comparingLong(Txn::id));
        return all;
    }

    /** A running transaction. */
    public final class Invocation {
        private final long id;
        private final int process;
        private final long invokeNanos;
        private final List<MicroOp> ops;

        private Invocation(long id, int process, long invokeNanos, List<MicroOp> ops) {
            this.id = id;
            this.process = process;
            this.invokeNanos = invokeNanos;
            this.ops = ops;
        }

        /** The transaction's id in its history. */
        public long id() { return id; }

        /**
         * Records how the transaction ended: {@code done} are its steps with the reads' results (for
         * {@link Outcome#OK}); {@code error} what ended it otherwise (null if nothing). Only the first
         * completion counts.
         */
        public void complete(Outcome outcome, List<MicroOp> done, String error) {
            long now = System.nanoTime();
            if (running.remove(id) == null) return;
            completed.add(new Txn(id, process, invokeNanos, now, outcome, outcome == Outcome.OK ? done : ops, error));
        }
    }
}
