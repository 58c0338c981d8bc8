package io.shardsql.testkit.jdbc;

import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A result several times larger than the reading JVM's heap streams through the driver: a child JVM
 * with a 48 MiB heap and only the driver jar reads 150 MiB of rows (a cross join of a small table, so
 * the data is made by the query, not stored).
 */
@Timeout(600)
class JdbcStreamingIT {

    static Path driverJar() {
        Path jar = Path.of(System.getProperty("shardsql.driver.jar", "../jdbc-driver/target/shardsql-jdbc.jar"));
        assertThat(jar).as("the driver jar (mvn package builds it)").exists();
        return jar;
    }

    @Test
    void aResultLargerThanTheHeapStreamsByFetchSize() throws Exception {
        try (MiniCluster cluster = MiniCluster.builder().nodes(3).shards(2).start()) {
            try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE wide (id INT PRIMARY KEY, pad VARCHAR(2000))");
                try (PreparedStatement p = c.prepareStatement("INSERT INTO wide VALUES (?, ?)")) {
                    for (int i = 0; i < 60; i++) {
                        p.setInt(1, i);
                        p.setString(2, String.valueOf((char) ('a' + i % 26)).repeat(700));
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            String sql = "SELECT a.id, b.id, c.pad FROM wide a, wide b, wide c"; // 216 000 rows of ~700 bytes
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = driverJar() + File.pathSeparator + Path.of(StreamReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Process p = new ProcessBuilder(java, "-Xmx48m", "-cp", classpath, StreamReader.class.getName(),
                    cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD, sql).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            Matcher m = Pattern.compile("rows=(\\d+) bytes=(\\d+) maxHeap=(\\d+)").matcher(out);
            assertThat(m.find()).as(out).isTrue();
            long rows = Long.parseLong(m.group(1)), bytes = Long.parseLong(m.group(2)), heap = Long.parseLong(m.group(3));
            assertThat(rows).isEqualTo(60L * 60 * 60);
            assertThat(bytes).isGreaterThan(3 * heap);
        }
    }
}
