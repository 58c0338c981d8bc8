package io.shardsql.testkit;

import io.shardsql.server.EmbeddedCluster;
import io.shardsql.server.Node;
import io.shardsql.server.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A backup taken by SNAPSHOT on a real cluster after writes through SQL, checked by {@code bin/shardsql
 * backup verify}, restored by {@code bin/shardsql restore} into a fresh data directory, and served by what
 * {@code bin/shardsql start} runs: rows, catalog and users come back, and the restored cluster takes new
 * writes. The same backup is also restored node by node with {@code restore --config} and served by three
 * nodes started from those files, as {@code bin/shardsql node --config} starts them.
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
                    s.execute("CREATE USER reader PASSWORD 'reader-pass'"); // grants go with the catalog
                    s.execute("GRANT SELECT ON t TO reader");
                    try (ResultSet r = s.executeQuery("SNAPSHOT TO 'it'")) {
                        assertThat(r.next()).isTrue();
                        backup[0] = Path.of(r.getString("directory"));
                    }
                }
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    // it holds password verifiers: the node's OS user only
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup[0])))
                            .isEqualTo("rwx------");
                    try (var files = Files.walk(backup[0])) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                                    .isEqualTo("rw-------");
                        }
                    }
                }
            });
            Path data = root.resolve("restored");
            int port = FreePorts.block(EmbeddedCluster.READ_PORT_OFFSET + EmbeddedCluster.NODES);
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
                try (Connection reader = DriverManager.getConnection(restored.jdbcUrl(), "reader", "reader-pass");
                     Statement rs = reader.createStatement()) {
                    try (ResultSet r = rs.executeQuery("SELECT COUNT(*) FROM t")) {
                        assertThat(r.next()).isTrue();
                        assertThat(r.getLong(1)).isEqualTo(41);
                    }
                    assertThat(catchThrowableOfType(() -> rs.execute("INSERT INTO t VALUES (101, 'no')"),
                            java.sql.SQLException.class).getSQLState()).isEqualTo("42501");
                }
                try (ResultSet r = s.executeQuery("SELECT v FROM t WHERE id = 100")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isEqualTo("after");
                }
            }
            restoreIntoMachinesAndServe(backup[0], root.resolve("machines"));
        } finally {
            MiniCluster.deleteTree(root);
        }
    }

    /**
     * The multi-machine form: three {@code node --config} files (replication 2, so each node hosts a
     * different set of groups), each node restored from its own file, then started from it.
     */
    private static void restoreIntoMachinesAndServe(Path backup, Path dir) throws Exception {
        Files.createDirectories(dir);
        int[] ports = FreePorts.pick(9);
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            members.append(i == 0 ? "" : ", ").append("n").append(i + 1).append("@127.0.0.1:").append(ports[3 * i])
                    .append(':').append(ports[3 * i + 1]).append(':').append(ports[3 * i + 2]);
        }
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path f = dir.resolve("node" + i + ".properties");
            Files.writeString(f, "cluster.name = machines\ncluster.members = " + members + "\ncluster.shards = "
                    + SHARDS + "\ncluster.replication = 2\nnode.id = n" + i + "\nnode.data-dir = n" + i + "\n"
                    + "raft.election-timeout.min = 800ms\nraft.election-timeout.max = 1600ms\n");
            assertThat(cli("restore", "--from", backup.toString(), "--config", f.toString())).isZero();
            files.add(f);
        }
        List<Node> nodes = new ArrayList<>();
        try {
            for (Path f : files) {
                Node n = new Node(NodeConfig.load(f));
                nodes.add(n);
                n.start();
            }
            nodes.get(0).awaitReady(Duration.ofSeconds(120));
            String url = "jdbc:shardsql://127.0.0.1:" + ports[3] + "/"; // n2
            try (Connection c = DriverManager.getConnection(url, "admin", MiniCluster.ADMIN_PASSWORD);
                 Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT COUNT(*), MAX(id) FROM t")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getLong(1)).isEqualTo(40);
                    assertThat(r.getInt(2)).isEqualTo(39);
                }
                s.execute("INSERT INTO t VALUES (101, 'machines')");
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM t")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getLong(1)).isEqualTo(41);
                }
            }
        } finally {
            for (Node n : nodes) n.close();
        }
    }

    /** Runs {@code bin/shardsql} in this JVM (the cli module is on the runtime class path only). */
    private static int cli(String... args) throws Exception {
        return (int) Class.forName("io.shardsql.cli.ShardSqlCli").getMethod("run", String[].class)
                .invoke(null, (Object) args);
    }
}
