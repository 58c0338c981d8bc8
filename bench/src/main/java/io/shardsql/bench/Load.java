package io.shardsql.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an operation in N threads for a fixed time and summarizes throughput and latency: of the whole
 * operation, and of the parts of it that a {@link TimedOperation} times itself.
 */
final class Load {
    /** One operation of thread {@code thread}, its {@code seq}-th. */
    @FunctionalInterface
    interface Operation {
        void run(int thread, long seq) throws Exception;
    }

    /** An operation that times parts of itself: stores each part's nanoseconds in {@code parts}. */
    @FunctionalInterface
    interface TimedOperation {
        void run(int thread, long seq, long[] parts) throws Exception;
    }

    /** Summaries of the whole operations and of each part they timed. */
    record Result(LatencyRecorder.Summary whole, List<LatencyRecorder.Summary> parts) {}

    private Load() {}

    static LatencyRecorder.Summary run(int threads, double seconds, Operation op) throws InterruptedException {
        return runTimed(threads, seconds, 0, (t, seq, parts) -> op.run(t, seq)).whole();
    }

    static Result runTimed(int threads, double seconds, int partCount, TimedOperation op) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<LatencyRecorder> wholes = new ArrayList<>();
        List<List<LatencyRecorder>> parts = new ArrayList<>();
        for (int p = 0; p < partCount; p++) parts.add(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            LatencyRecorder whole = new LatencyRecorder();
            wholes.add(whole);
            LatencyRecorder[] mine = new LatencyRecorder[partCount];
            for (int p = 0; p < partCount; p++) parts.get(p).add(mine[p] = new LatencyRecorder());
            int id = t;
            Thread th = new Thread(() -> {
                long[] partNanos = new long[partCount];
                for (long seq = 0; !stop.get(); seq++) {
                    long start = System.nanoTime();
                    try {
                        op.run(id, seq, partNanos);
                    } catch (Throwable e) {
                        errors.add(e);
                        return;
                    }
                    whole.record(System.nanoTime() - start);
                    for (int p = 0; p < partCount; p++) mine[p].record(partNanos[p]);
                }
            }, "load-" + t);
            workers.add(th);
        }
        long begin = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep((long) (seconds * 1000)); // the measurement window itself
        stop.set(true);
        for (Thread th : workers) th.join();
        double elapsed = (System.nanoTime() - begin) / 1e9;
        if (!errors.isEmpty()) throw new IllegalStateException("operation failed: " + errors.get(0), errors.get(0));
        List<LatencyRecorder.Summary> partSummaries = new ArrayList<>();
        for (List<LatencyRecorder> p : parts) partSummaries.add(LatencyRecorder.summarize(p, elapsed));
        return new Result(LatencyRecorder.summarize(wholes, elapsed), partSummaries);
    }
}
