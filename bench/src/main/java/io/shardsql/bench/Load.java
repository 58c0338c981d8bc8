package io.shardsql.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs an operation in N threads for a fixed time and summarizes throughput and latency: of the whole
 * operation, and of the part of it that a {@link TimedOperation} times itself.
 */
final class Load {
    /** One operation of thread {@code thread}, its {@code seq}-th. */
    @FunctionalInterface
    interface Operation {
        void run(int thread, long seq) throws Exception;
    }

    /** An operation that times one part of itself: returns that part's duration in nanoseconds. */
    @FunctionalInterface
    interface TimedOperation {
        long run(int thread, long seq) throws Exception;
    }

    /** Summaries of the whole operations and of the parts they timed. */
    record Result(LatencyRecorder.Summary whole, LatencyRecorder.Summary part) {}

    private Load() {}

    static LatencyRecorder.Summary run(int threads, double seconds, Operation op) throws InterruptedException {
        return runTimed(threads, seconds, (t, seq) -> {
            op.run(t, seq);
            return 0;
        }).whole();
    }

    static Result runTimed(int threads, double seconds, TimedOperation op) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<LatencyRecorder> wholes = new ArrayList<>();
        List<LatencyRecorder> parts = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            LatencyRecorder whole = new LatencyRecorder();
            LatencyRecorder part = new LatencyRecorder();
            wholes.add(whole);
            parts.add(part);
            int id = t;
            Thread th = new Thread(() -> {
                for (long seq = 0; !stop.get(); seq++) {
                    long start = System.nanoTime();
                    long partNanos;
                    try {
                        partNanos = op.run(id, seq);
                    } catch (Throwable e) {
                        errors.add(e);
                        return;
                    }
                    whole.record(System.nanoTime() - start);
                    part.record(partNanos);
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
        return new Result(LatencyRecorder.summarize(wholes, elapsed), LatencyRecorder.summarize(parts, elapsed));
    }
}
