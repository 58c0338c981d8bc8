package io.shardsql.testkit;

import io.shardsql.server.EmbeddedCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backup taken by SNAPSHOT on a real cluster after writes through SQL, checked by {@code bin/shardsql
 * backup verify}, restored by {@code bin/shardsql restore} into a fresh data directory, and served by what
 * {@code bin/shardsql start} runs: rows, catalog and users come back, and the restored cluster takes new
 * writes.
 */
@Timeout(300)
class RestoreIT {
    private static final int SHARDS = 2;

    @Test
    void aBackupOfAClusterRestoresIntoANewClusterThatServesItsRows() throws Exception {
        Path root = Files.createTempDirectory("shardsql-restore");
        try {
            MiniCluster.Builder b = MiniCluster.builder().nodes(3).shards(SHARDS).dataDir(root.resolve("source"));
            Path[] backup = new Path[1];
            MiniCluster.run(b, cluster -> {
                try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
                     Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR)");
                    for (int i = 0; i < 40; i++) s.execute("INSERT INTO t VALUES (" + i + ", 'v" + i + "')");
                    try (ResultSet r = s.executeQuery("SNAPSHOT TO 'it'")) {
                        assertThat(r.next()).isTrue();
                        backup[0] = Path.of(r.getString("directory"));
                    }
                }
            });
            Path data = root.resolve("restored");
            int port = 30_000 + ThreadLocalRandom.current().nextInt(0, 20_000);
            assertThat(cli("backup", "verify", backup[0].toString())).isZero();
            assertThat(cli("restore", "--from", backup[0].toString(), "--data-dir", data.toString(),
                    "--port", Integer.toString(port), "--shards", Integer.toString(SHARDS))).isZero();
            try (EmbeddedCluster restored = EmbeddedCluster.start(data, port, SHARDS, new Properties(),
                    Duration.ofSeconds(120));
                 Connection c = DriverManager.getConnection(restored.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
                 Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT COUNT(*), MIN(v), MAX(id) FROM t")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getLong(1)).isEqualTo(40);
                    assertThat(r.getString(2)).isEqualTo("v0");
                    assertThat(r.getInt(3)).isEqualTo(39);
                }
                s.execute("INSERT INTO t VALUES (100, 'after')");
                try (ResultSet r = s.executeQuery("SELECT v FROM t WHERE id = 100")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isEqualTo("after");
                }
            }
        } finally {
            MiniCluster.deleteTree(root);
        }
    }

    /** Runs {@code bin/shardsql} in this JVM (the cli module is on the runtime class path only). */
    private static int cli(String... args) throws Exception {
        return (int) Class.forName("io.shardsql.cli.ShardSqlCli").getMethod("run", String[].class)
                .invoke(null, (Object) args);
    }
}
