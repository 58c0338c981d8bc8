package io.shardsql.testkit.txn;

import io.shardsql.server.NodeConfig;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.testkit.history.CheckResult;
import io.shardsql.testkit.history.ListAppendChecker;
import io.shardsql.testkit.history.ListAppendClient;
import io.shardsql.testkit.history.ListAppendGenerator;
import io.shardsql.testkit.history.ListAppendWorkload;
import io.shardsql.testkit.history.Outcome;
import io.shardsql.testkit.history.Txn;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** A list-append workload against a MiniCluster over JDBC, and its check. */
final class ListAppendRun {
    private ListAppendRun() { }

    /** One URL per node, each naming every node starting with that one (so clients fail over on connect). */
    static List<String> urls(List<NodeConfig> nodes) {
        List<String> urls = new ArrayList<>();
        int n = nodes.size();
        for (int first = 0; first < n; first++) {
            StringBuilder b = new StringBuilder("jdbc:shardsql://");
            for (int j = 0; j < n; j++) {
                ShardMap.Member self = nodes.get((first + j) % n).self();
                if (j > 0) b.append(',');
                b.append(self.host()).append(':').append(self.sqlPort());
            }
            urls.add(b.append("/?socketTimeout=60&connectTimeout=5").toString());
        }
        return urls;
    }

    static List<String> urls(MiniCluster cluster) {
        return urls(IntStream.range(0, cluster.size()).mapToObj(cluster::config).toList());
    }

    /** Creates the table and a workload (not started) of 8 active keys, 100 appends per key, up to 4 steps. */
    static ListAppendWorkload workload(MiniCluster cluster) throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD)) {
            ListAppendClient.createTable(c);
        }
        return new ListAppendWorkload(urls(cluster), "admin", MiniCluster.ADMIN_PASSWORD,
                new ListAppendGenerator(8, 100, 4));
    }

    /** Stops the workload, reads every key once more, checks the history and prints the figures. */
    static CheckResult finish(String name, ListAppendWorkload w, long startedNanos, String faults) throws Exception {
        w.stop(Duration.ofSeconds(120));
        int keys = w.finalRead();
        List<Txn> history = w.history().transactions();
        long checkStart = System.nanoTime();
        CheckResult r = ListAppendChecker.check(history);
        long appends = history.stream().filter(t -> t.outcome() == Outcome.OK)
                .mapToLong(t -> t.ops().stream().filter(o -> o instanceof io.shardsql.testkit.history.MicroOp.Append)
                        .count()).sum();
        System.out.printf("%s: %d transactions in %d s over %d keys (%d committed appends), faults: %s; checked in %d ms:"
                        + " %s%n", name, history.size(), (System.nanoTime() - startedNanos) / 1_000_000_000, keys,
                appends, faults, (System.nanoTime() - checkStart) / 1_000_000, r.summary());
        Map<String, Long> errors = history.stream().filter(t -> t.error() != null)
                .collect(Collectors.groupingBy(t -> t.outcome() + " " + t.error().split(":")[0], TreeMap::new,
                        Collectors.counting()));
        System.out.println(name + ": errors by outcome and SQLState " + errors);
        return r;
    }
}
