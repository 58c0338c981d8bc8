package io.shardsql.testkit.jdbc;

import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Sequences through the driver on a 3-node cluster (issue 19, "Keys"): connections to different nodes get
 * distinct values from the ranges their nodes reserve, also when they call at the same time and through
 * SERIAL columns; a sequence with CACHE 1 is in call order across nodes; after a restart of the whole
 * cluster a sequence goes on past everything it handed out; errors carry PostgreSQL's SQLStates and
 * change nothing.
 */
@Timeout(300)
class SequencesIT {
    private static final int CALLS = 150;

    @Test
    void nodesHandOutDistinctValuesAndARestartGoesOnPastThem() throws Exception {
        Path dir = Files.createTempDirectory("shardsql-sequences");
        try {
            MiniCluster.Builder b = MiniCluster.builder().nodes(3).shards(2).dataDir(dir);
            long[] highest = new long[1];
            MiniCluster.run(b, cluster -> {
                cluster.awaitReady();
                try (Connection a = connect(cluster, 0); Connection c = connect(cluster, 1);
                     Statement sa = a.createStatement(); Statement sc = c.createStatement()) {
                    sa.execute("CREATE SEQUENCE sq");
                    sa.execute("CREATE TABLE items (id BIGSERIAL PRIMARY KEY, node INT)");
                    // interleaved: the two nodes draw from two ranges, never the same value
                    Set<Long> seen = new HashSet<>();
                    for (int i = 0; i < CALLS; i++) {
                        assertThat(seen.add(single(sa, "SELECT nextval('sq')"))).isTrue();
                        assertThat(seen.add(single(sc, "SELECT nextval('sq')"))).isTrue();
                    }
                    // at the same time, from both nodes, through a SERIAL column
                    ExecutorService pool = Executors.newFixedThreadPool(2);
                    try {
                        List<Future<List<Long>>> drawn = new ArrayList<>();
                        for (Statement s : List.of(sa, sc)) drawn.add(pool.submit(() -> draw(s, CALLS)));
                        List<Future<?>> inserted = new ArrayList<>();
                        for (int n = 0; n < 2; n++) {
                            int node = n;
                            inserted.add(pool.submit(() -> insertItems(cluster, node, 50)));
                        }
                        for (Future<List<Long>> f : drawn) for (long v : f.get()) assertThat(seen.add(v)).isTrue();
                        for (Future<?> f : inserted) f.get();
                    } finally {
                        pool.shutdownNow();
                    }
                    assertThat(seen).hasSize(4 * CALLS);
                    assertThat(single(sa, "SELECT count(DISTINCT id) FROM items")).isEqualTo(100);
                    // CACHE 1: every nextval is a write to control, so values follow the calls across nodes
                    sa.execute("CREATE SEQUENCE strict CACHE 1");
                    List<Long> inOrder = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        inOrder.add(single(i % 2 == 0 ? sa : sc, "SELECT nextval('strict')"));
                    }
                    assertThat(inOrder).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
                    highest[0] = seen.stream().mapToLong(Long::longValue).max().orElseThrow();
                }
            });
            MiniCluster.run(b, cluster -> {
                cluster.awaitReady();
                try (Connection a = connect(cluster, 2); Statement s = a.createStatement()) {
                    assertThat(single(s, "SELECT nextval('sq')")).isGreaterThan(highest[0]);
                    assertThat(single(s, "SELECT nextval('strict')")).isEqualTo(11);
                    s.executeUpdate("INSERT INTO items (node) VALUES (2)");
                    assertThat(single(s, "SELECT count(DISTINCT id) FROM items")).isEqualTo(101);
                }
            });
        } finally {
            deleteTree(dir);
        }
    }

    @Test
    void errorsCarryPostgresSqlStatesAndChangeNothing() throws Exception {
        try (MiniCluster cluster = MiniCluster.builder().nodes(1).replication(1).shards(2).start()) {
            cluster.awaitReady();
            try (Connection a = connect(cluster, 0); Statement s = a.createStatement()) {
                s.execute("CREATE SEQUENCE e_seq MAXVALUE 3 CACHE 2");
                s.execute("CREATE TABLE e_t (id INT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v BIGINT)");
                assertThat(state(s, "SELECT currval('e_seq')")).isEqualTo("55000");
                assertThat(state(s, "SELECT nextval('e_nothere')")).isEqualTo("42P01");
                assertThat(state(s, "CREATE SEQUENCE e_seq")).isEqualTo("42P07");
                assertThat(state(s, "CREATE SEQUENCE e_t")).isEqualTo("42P07");
                assertThat(s.executeUpdate("INSERT INTO e_t (v) VALUES (nextval('e_seq')), (nextval('e_seq'))"))
                        .isEqualTo(2);
                // the third value is there, the fourth is not: the INSERT of both fails and writes nothing
                assertThat(state(s, "INSERT INTO e_t (v) VALUES (nextval('e_seq')), (nextval('e_seq'))"))
                        .isEqualTo("2200H");
                assertThat(state(s, "INSERT INTO e_t (id, v) VALUES (10, 0)")).isEqualTo("428C9");
                assertThat(state(s, "UPDATE e_t SET id = 10")).isEqualTo("428C9");
                assertThat(single(s, "SELECT count(*) FROM e_t")).isEqualTo(2);
                assertThat(single(s, "SELECT sum(id) FROM e_t")).isEqualTo(3);
                // a failed statement in a block aborts the block; nextval's values stay used
                a.setAutoCommit(false);
                assertThat(state(s, "SELECT nextval('e_seq')")).isEqualTo("2200H");
                a.rollback();
                a.setAutoCommit(true);
                assertThat(state(s, "SELECT nextval('e_seq')")).isEqualTo("2200H");
                s.execute("ALTER SEQUENCE e_seq MAXVALUE 10");
                assertThat(single(s, "SELECT nextval('e_seq')")).isEqualTo(4);
            }
        }
    }

    private static List<Long> draw(Statement s, int n) throws SQLException {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(single(s, "SELECT nextval('sq')"));
        return out;
    }

    private static Void insertItems(MiniCluster cluster, int node, int n) throws SQLException {
        try (Connection c = connect(cluster, node); Statement s = c.createStatement()) {
            for (int i = 0; i < n; i++) assertThat(s.executeUpdate("INSERT INTO items (node) VALUES (" + node + ")"))
                    .isEqualTo(1);
        }
        return null;
    }

    private static Connection connect(MiniCluster cluster, int node) throws SQLException {
        String url = "jdbc:shardsql://" + cluster.config(node).self().host() + ":" + cluster.config(node).self().sqlPort()
                + "/";
        return DriverManager.getConnection(url, "admin", MiniCluster.ADMIN_PASSWORD);
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            long v = rs.getLong(1);
            assertThat(rs.next()).isFalse();
            return v;
        }
    }

    private static String state(Statement s, String sql) {
        SQLException e = catchThrowableOfType(() -> {
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) rs.getObject(1);
                }
            }
        }, SQLException.class);
        assertThat((Throwable) e).as(sql).isNotNull();
        return e.getSQLState();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        }
    }
}
