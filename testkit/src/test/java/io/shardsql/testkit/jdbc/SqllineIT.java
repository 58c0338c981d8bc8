package io.shardsql.testkit.jdbc;

import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** sqlline, a general JDBC tool, with nothing but our driver jar added, runs a SQL script against a cluster. */
@Timeout(300)
class SqllineIT {

    @Test
    void sqllineRunsAScriptThroughTheDriverJarAlone(@TempDir Path dir) throws Exception {
        Path sqlline = Path.of(System.getProperty("sqlline.jar", "target/sqlline/sqlline.jar"));
        assertThat(sqlline).as("sqlline jar (copied by the build)").exists();
        Path script = dir.resolve("script.sql");
        Files.writeString(script, """
                CREATE TABLE fruit (id INT PRIMARY KEY, name VARCHAR(20));
                INSERT INTO fruit VALUES (1, 'apple'), (2, 'banana'), (3, 'cherry');
                SELECT name FROM fruit WHERE id >= 2 ORDER BY id;
                !tables
                """);
        try (MiniCluster cluster = MiniCluster.builder().nodes(3).shards(2).start()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", sqlline + File.pathSeparator + JdbcStreamingIT.driverJar(), "sqlline.SqlLine",
                    "-u", cluster.jdbcUrl(), "-n", "admin", "-p", MiniCluster.ADMIN_PASSWORD, "--run=" + script)
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
            assertThat(out).contains("banana", "cherry").doesNotContain("apple |").contains("fruit");
            assertThat(out).doesNotContainIgnoringCase("exception");
            assertThat(p.exitValue()).as(out).isZero();
        }
    }
}
