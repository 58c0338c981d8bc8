package io.shardsql.testkit.sql;

import io.shardsql.sql.ddl.DdlSettings;
import io.shardsql.sql.exec.Session;
import io.shardsql.sql.exec.SqlEngine;
import io.shardsql.sql.exec.StatementResult;
import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(120)
class SqlSmokeIT {
    private static MiniCluster cluster;
    private static SqlEngine engine;

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(3).shards(4).start();
        cluster.awaitReady();
        engine = SqlEngine.create(cluster.transactions(), 4, DdlSettings.defaults());
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    private static List<String> rows(Session s, String sql, Object... params) {
        StatementResult.Rows r = (StatementResult.Rows) s.execute(sql, Arrays.asList(params));
        return r.cursor().toList().stream().map(Arrays::toString).toList();
    }

    @Test
    void createInsertSelect() {
        try (Session s = engine.openSession()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, name TEXT, amount DECIMAL(10, 2))");
            StatementResult r = s.execute("INSERT INTO t VALUES (1, 'a', 1.50), (2, 'b', 2.25), (3, NULL, NULL)");
            assertThat(r).isEqualTo(new StatementResult.UpdateCount(3));
            System.out.println(rows(s, "EXPLAIN PLAN FOR SELECT * FROM t WHERE id = 2"));
            assertThat(rows(s, "SELECT * FROM t WHERE id = 2")).containsExactly("[2, b, 2.25]");
            assertThat(rows(s, "SELECT * FROM t WHERE id = ?", 3)).containsExactly("[3, null, null]");
            assertThat(rows(s, "SELECT id FROM t ORDER BY id")).containsExactly("[1]", "[2]", "[3]");
            assertThat(rows(s, "SELECT count(*), sum(amount) FROM t")).containsExactly("[3, 3.75]");
            assertThat(s.execute("UPDATE t SET name = 'z' WHERE id >= 2")).isEqualTo(new StatementResult.UpdateCount(2));
            assertThat(rows(s, "SELECT name FROM t ORDER BY id")).containsExactly("[a]", "[z]", "[z]");
            assertThat(s.execute("DELETE FROM t WHERE name = 'z'")).isEqualTo(new StatementResult.UpdateCount(2));
            assertThat(rows(s, "SELECT * FROM t")).containsExactly("[1, a, 1.50]");
            System.out.println(rows(s, "EXPLAIN PLAN FOR SELECT name FROM t WHERE id > 1 AND id < ? LIMIT 5"));
        }
    }

    @Test
    void secondaryIndexScans() {
        try (Session s = engine.openSession()) {
            s.execute("CREATE TABLE people (id INT PRIMARY KEY, email TEXT NOT NULL, city TEXT)");
            for (int i = 0; i < 40; i++) {
                s.execute("INSERT INTO people VALUES (?, ?, ?)", List.of(i, "p" + i + "@x", i % 4 == 0 ? "oslo" : "rome"));
            }
            s.execute("CREATE UNIQUE INDEX people_email ON people (email)");
            s.execute("CREATE INDEX people_city ON people (city)");
            List<String> plan = rows(s, "EXPLAIN PLAN FOR SELECT id FROM people WHERE email = 'p7@x'");
            assertThat(String.join("\n", plan)).contains("index point get people_email");
            assertThat(rows(s, "SELECT id FROM people WHERE email = 'p7@x'")).containsExactly("[7]");
            assertThat(rows(s, "SELECT id FROM people WHERE email = ?", "p9@x")).containsExactly("[9]");
            assertThat(String.join("\n", rows(s, "EXPLAIN PLAN FOR SELECT id FROM people WHERE city = 'oslo'")))
                    .contains("index scan people_city");
            assertThat(rows(s, "SELECT count(*) FROM people WHERE city = 'oslo'")).containsExactly("[10]");
            s.execute("UPDATE people SET city = 'oslo' WHERE id = 1");
            assertThat(rows(s, "SELECT count(*) FROM people WHERE city = 'oslo'")).containsExactly("[11]");
            s.execute("DELETE FROM people WHERE city = 'oslo'");
            assertThat(rows(s, "SELECT count(*) FROM people WHERE city = 'oslo'")).containsExactly("[0]");
            assertThat(rows(s, "SELECT count(*) FROM people")).containsExactly("[29]");
        }
    }

    @Test
    void upserts() {
        try (Session s = engine.openSession()) {
            s.execute("CREATE TABLE kv (k INT PRIMARY KEY, v TEXT, n INT DEFAULT 0)");
            s.execute("INSERT INTO kv VALUES (1, 'a', 1), (2, 'b', 2)");
            assertThat(s.execute("INSERT INTO kv VALUES (1, 'x', 9), (3, 'c', 3) ON CONFLICT DO NOTHING"))
                    .isEqualTo(new StatementResult.UpdateCount(1));
            assertThat(s.execute("INSERT INTO kv VALUES (2, 'y', 7), (4, 'd', 4) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v, n = 100"))
                    .isEqualTo(new StatementResult.UpdateCount(2));
            assertThat(s.execute("UPSERT INTO kv VALUES (3, 'z', 30)")).isEqualTo(new StatementResult.UpdateCount(1));
            assertThat(rows(s, "SELECT * FROM kv ORDER BY k"))
                    .containsExactly("[1, a, 1]", "[2, y, 100]", "[3, z, 30]", "[4, d, 4]");
            // parameters in the VALUES and in DO UPDATE (numbered after the VALUES'), the stored row unqualified
            String counter = "INSERT INTO kv VALUES (?, ?, ?) ON CONFLICT (k) DO UPDATE SET n = n + ? WHERE kv.v <> ?";
            assertThat(s.execute(counter, List.of(4, "d", 0, 5, "x"))).isEqualTo(new StatementResult.UpdateCount(1));
            assertThat(s.execute(counter, List.of(4, "d", 0, 5, "d"))).isEqualTo(new StatementResult.UpdateCount(0));
            assertThat(s.execute(counter, List.of(5, "e", 7, 5, "x"))).isEqualTo(new StatementResult.UpdateCount(1));
            assertThat(rows(s, "SELECT k, n FROM kv WHERE k >= 4 ORDER BY k")).containsExactly("[4, 9]", "[5, 7]");
        }
    }

    @Test
    void tablesWithoutPrimaryKey() {
        try (Session s = engine.openSession()) {
            s.execute("CREATE TABLE log (msg TEXT, n INT)");
            s.execute("INSERT INTO log VALUES ('a', 1), ('a', 1), ('b', 2), ('c', 3)");
            assertThat(rows(s, "SELECT * FROM log WHERE msg = 'a'")).containsExactly("[a, 1]", "[a, 1]");
            assertThat(s.execute("UPDATE log SET n = n + 10 WHERE msg = 'a'")).isEqualTo(new StatementResult.UpdateCount(2));
            assertThat(s.execute("DELETE FROM log WHERE n = 2")).isEqualTo(new StatementResult.UpdateCount(1));
            assertThat(rows(s, "SELECT msg, n FROM log ORDER BY n")).containsExactly("[c, 3]", "[a, 11]", "[a, 11]");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute("DELETE FROM log WHERE n IN (SELECT n FROM log WHERE msg = 'c')"))
                    .hasMessageContaining("without a primary key");
        }
    }

    @Test
    void systemTablesThroughTheNodesEngine() {
        try (Session s = cluster.node(1).sql().openSession()) {
            s.execute("CREATE TABLE sys_probe (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL DEFAULT 'x')");
            s.execute("CREATE INDEX sys_probe_name ON sys_probe (name)");
            assertThat(rows(s, "SELECT table_name, primary_key, column_count, index_count FROM sys.tables WHERE table_name = 'sys_probe'"))
                    .containsExactly("[sys_probe, id, 2, 1]");
            assertThat(rows(s, "SELECT column_name, data_type, is_nullable, column_default FROM sys.columns "
                    + "WHERE table_name = 'sys_probe' ORDER BY ordinal_position"))
                    .containsExactly("[id, BIGINT, false, null]", "[name, VARCHAR(20), false, x]");
            assertThat(rows(s, "SELECT index_name, is_unique, columns, state FROM sys.indexes WHERE table_name = 'sys_probe'"))
                    .containsExactly("[sys_probe_name, false, name, PUBLIC]");
            assertThat(rows(s, "SELECT count(*) FROM sys.shards WHERE group_name LIKE 'shard-%'")).containsExactly("[12]");
            assertThat(rows(s, "SELECT count(*) FROM sys.shards WHERE role = 'LEADER'")).containsExactly("[6]");
            assertThat(rows(s, "SELECT count(*) FROM sys.nodes")).containsExactly("[3]");
            s.execute("BEGIN");
            s.execute("INSERT INTO sys_probe (id) VALUES (1)");
            assertThat(rows(s, "SELECT mode, state FROM sys.transactions")).contains("[READ_WRITE, ACTIVE]");
            s.execute("ROLLBACK");
        }
    }
}
