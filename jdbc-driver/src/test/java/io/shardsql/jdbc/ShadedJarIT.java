package io.shardsql.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped jar on its own: a fresh JVM with only {@code target/shardsql-jdbc-<version>.jar} on the
 * class path finds the driver through {@code DriverManager} (service file), a connect to a closed port
 * fails cleanly with 08001, and a real exchange with a (scripted) server works — Netty, protocol and
 * common are inside, relocated under {@code io.shardsql.jdbc.shaded}, and nothing else is needed.
 */
@Timeout(120)
class ShadedJarIT {
    private static final String PROBE = """
            import java.sql.*;
            public class Probe {
                public static void main(String[] args) throws Exception {
                    Driver d = DriverManager.getDriver("jdbc:shardsql://127.0.0.1:1/");
                    System.out.println("driver=" + d.getClass().getName());
                    try {
                        DriverManager.getConnection("jdbc:shardsql://127.0.0.1:1/?connectTimeout=5", "admin", "x");
                        System.out.println("connected");
                    } catch (SQLException e) {
                        System.out.println("sqlstate=" + e.getSQLState());
                    } catch (Throwable t) {
                        System.out.println("throwable=" + t);
                        t.printStackTrace(System.out);
                    }
                }
            }
            """;

    private static Path jar() {
        String path = System.getProperty("shardsql.jdbc.jar");
        assertThat(path).as("system property shardsql.jdbc.jar (set by failsafe)").isNotNull();
        return Paths.get(path);
    }

    @Test
    void theJarAloneFindsTheDriverAndFailsCleanlyOnAClosedPort(@TempDir Path dir) throws Exception {
        Path probe = dir.resolve("Probe.java");
        Files.writeString(probe, PROBE);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", jar().toString(), probe.toString())
                .redirectErrorStream(true).directory(dir.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("probe finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains("driver=io.shardsql.jdbc.Driver").contains("sqlstate=08001")
                .doesNotContain("NoClassDefFoundError").doesNotContain("throwable=");
        assertThat(p.exitValue()).as(out).isZero();
    }

    private static final String QUERY_PROBE = """
            import java.nio.charset.StandardCharsets;
            import java.nio.file.*;
            import java.sql.*;
            import java.util.List;
            public class QueryProbe {
                public static void main(String[] args) throws Exception {
                    List<String> a = Files.readAllLines(Paths.get(args[0]), StandardCharsets.UTF_8); // url, user, password
                    try (Connection c = DriverManager.getConnection(a.get(0), a.get(1), a.get(2)); Statement s = c.createStatement()) {
                        s.setFetchSize(10);
                        int n = 0;
                        try (ResultSet rs = s.executeQuery("ROWS 25")) {
                            while (rs.next()) n += rs.getInt(1) >= 0 ? 1 : 0;
                        }
                        System.out.println("rows=" + n + " valid=" + c.isValid(5));
                    }
                }
            }
            """;

    /** Real I/O through the relocated Netty: handshake with SCRAM, a streamed query, Goodbye. */
    @Test
    void theJarAloneTalksToAServer(@TempDir Path dir) throws Exception {
        try (ScriptedServer server = new ScriptedServer()) {
            Path probe = dir.resolve("QueryProbe.java");
            Files.writeString(probe, QUERY_PROBE);
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            Path login = dir.resolve("login.txt");
            Files.write(login, List.of(server.url(), ScriptedServer.USER, ScriptedServer.PASSWORD), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(java, "-cp", jar().toString(), probe.toString(), login.toString())
                    .redirectErrorStream(true).directory(dir.toFile()).start();
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("probe finished").isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).contains("rows=25 valid=true");
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(server.count("Fetch[")).isEqualTo(2);
        }
    }

    @Test
    void nettyIsRelocatedAndNothingNamesTheOriginalPackage() throws IOException {
        try (ZipFile zip = new ZipFile(jar().toFile())) {
            List<String> names = zip.stream().map(e -> e.getName()).toList();
            assertThat(names).contains("META-INF/services/java.sql.Driver", "io/shardsql/jdbc/Driver.class",
                    "io/shardsql/jdbc/shaded/protocol/codec/ProtocolPipeline.class", "io/shardsql/jdbc/shaded/common/ErrorCode.class");
            assertThat(names).anyMatch(n -> n.startsWith("io/shardsql/jdbc/shaded/netty/channel/"));
            assertThat(names).noneMatch(n -> n.startsWith("io/netty/"));
            assertThat(names).noneMatch(n -> n.startsWith("io/shardsql/protocol/") || n.startsWith("io/shardsql/common/"));
            assertThat(names).noneMatch(n -> n.startsWith("META-INF/native"));
            assertThat(names).noneMatch(n -> n.startsWith("org/slf4j/"));
            assertThat(names).filteredOn(n -> n.startsWith("META-INF/services/") && !n.endsWith("/")).containsExactly("META-INF/services/java.sql.Driver");
        }
    }
}
