package io.shardsql.bench;

import io.shardsql.testkit.MiniCluster;

/**
 * Passes node settings given as system properties ({@code -Dratis.…}, {@code -Draft.…},
 * {@code -Dclient.…}, {@code -Dtxn.…}, e.g. through {@code BENCH_JAVA_OPTS}) on to a benchmarked cluster.
 */
final class ClusterSettings {
    private static final String[] PREFIXES = {"ratis.", "raft.", "client.", "txn."};

    private ClusterSettings() {}

    static MiniCluster.Builder fromSystemProperties(MiniCluster.Builder builder) {
        for (String k : System.getProperties().stringPropertyNames()) {
            for (String prefix : PREFIXES) {
                if (k.startsWith(prefix)) builder.set(k, System.getProperty(k));
            }
        }
        return builder;
    }
}
