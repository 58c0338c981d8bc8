package io.shardsql.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs an operation in N threads for a fixed time and summarizes throughput and latency. */
final class Load {
    /** One operation of thread {@code thread}, its {@code seq}-th. */
    @FunctionalInterface
    interface Operation {
        void run(int thread, long seq) throws Exception;
    }

    private Load() {}

    static LatencyRecorder.Summary run(int threads, double seconds, Operation op) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<LatencyRecorder> recorders = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            LatencyRecorder rec = new LatencyRecorder();
            recorders.add(rec);
            int id = t;
            Thread th = new Thread(() -> {
                for (long seq = 0; !stop.get(); seq++) {
                    long start = System.nanoTime();
                    try {
                        op.run(id, seq);
                    } catch (Throwable e) {
                        errors.add(e);
                        return;
                    }
                    rec.record(System.nanoTime() - start);
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
        return LatencyRecorder.summarize(recorders, elapsed);
    }
}
