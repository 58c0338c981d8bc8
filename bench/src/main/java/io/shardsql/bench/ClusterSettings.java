package io.shardsql.bench;

import io.shardsql.testkit.MiniCluster;

import java.time.Duration;

/**
 * Passes node settings given as system properties ({@code -Dratis.…}, {@code -Draft.…},
 * {@code -Dclient.…}, {@code -Dtxn.…}, {@code -Dgc.…}, e.g. through {@code BENCH_JAVA_OPTS}) on to a
 * benchmarked cluster. TLS between its nodes follows {@code -Dshardsql.test.tls} (on unless set to false;
 * {@link MiniCluster.Builder#tls}).
 */
final class ClusterSettings {
    private static final String[] PREFIXES = {"ratis.", "raft.", "client.", "txn.", "gc."};

    private ClusterSettings() {}

    static MiniCluster.Builder fromSystemProperties(MiniCluster.Builder builder) {
        for (String k : System.getProperties().stringPropertyNames()) {
            for (String prefix : PREFIXES) {
                if (k.startsWith(prefix)) builder.set(k, System.getProperty(k));
            }
        }
        return builder;
    }

    /**
     * Starts a cluster with these settings and waits until its leaders have moved to their preferred
     * nodes, so that leadership transfers do not fall into the measurement; a cluster whose leaders do not
     * get there within a minute is measured as it is, and so is one whose balancing is turned off.
     */
    static MiniCluster startSettled(MiniCluster.Builder builder) {
        MiniCluster cluster = fromSystemProperties(builder).start();
        if (cluster.config(0).raft().leaderBalanceInterval().isZero()) return cluster;
        try {
            cluster.awaitPreferredLeaders(Duration.ofSeconds(60));
        } catch (IllegalStateException e) {
            System.err.println("measuring anyway: " + e.getMessage());
        }
        return cluster;
    }
}
