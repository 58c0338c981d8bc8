package io.shardsql.bench;

import java.util.Arrays;

/** Per-thread operation latencies (nanoseconds), merged at the end for percentiles. Not thread-safe. */
final class LatencyRecorder {
    private long[] samples = new long[1 << 14];
    private int count;

    void record(long nanos) {
        if (count == samples.length) samples = Arrays.copyOf(samples, count * 2);
        samples[count++] = nanos;
    }

    int count() { return count; }

    static Summary summarize(Iterable<LatencyRecorder> recorders, double seconds) {
        int total = 0;
        for (LatencyRecorder r : recorders) total += r.count;
        long[] all = new long[total];
        int at = 0;
        for (LatencyRecorder r : recorders) {
            System.arraycopy(r.samples, 0, all, at, r.count);
            at += r.count;
        }
        Arrays.sort(all);
        return new Summary(total / seconds, percentile(all, 0.50), percentile(all, 0.99));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }

    /** Throughput in operations per second; latencies in milliseconds. */
    record Summary(double opsPerSecond, double p50Millis, double p99Millis) {}
}
