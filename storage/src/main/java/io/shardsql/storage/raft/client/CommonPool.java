package io.shardsql.storage.raft.client;

import java.util.concurrent.ForkJoinPool;

/**
 * Makes sure the JVM's common fork-join pool has at least two threads.
 *
 * <p>Ratis runs steps of a follower's append with {@code CompletableFuture.thenComposeAsync} on the
 * default executor. When the common pool's parallelism is 1 — its default on a 2-core machine
 * (cores − 1) — {@code CompletableFuture} starts a <em>new thread for every such task</em>
 * ({@code ThreadPerTaskExecutor}): about 270 threads a second under a replicated write load here, and a
 * third of the write throughput lost (docs/benchmarks.md). The parallelism is read once, when the pool
 * is first used, so {@link #configure} must run before anything touches {@code CompletableFuture}: at
 * the top of {@code main}; test and benchmark JVMs get the property on their command line.
 */
public final class CommonPool {
    public static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
    static final int MINIMUM = 2;

    private CommonPool() {}

    /** Sets the common pool's parallelism to at least {@value #MINIMUM}, unless it was set explicitly. */
    public static void configure() {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(PARALLELISM,
                    Integer.toString(Math.max(MINIMUM, Runtime.getRuntime().availableProcessors() - 1)));
        }
    }

    /** Whether asynchronous tasks run on pooled threads (false: a thread is started per task). */
    public static boolean isPooled() {
        return ForkJoinPool.getCommonPoolParallelism() >= MINIMUM;
    }
}
