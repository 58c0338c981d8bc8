package io.shardsql.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code shardsql sql} run in-process against H2 in-memory databases. */
@Timeout(30)
class SqlCommandTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path tmp;

    /** Keeps the in-memory database alive between shell runs. */
    private Connection keeper;
    private String url;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void database() throws Exception {
        url = "jdbc:h2:mem:shell" + DATABASES.incrementAndGet();
        keeper = DriverManager.getConnection(url, "admin", "");
        try (Statement st = keeper.createStatement()) {
            st.execute("create table t (id int primary key, name varchar(20))");
            st.execute("insert into t values (1, 'a'), (2, null)");
        }
    }

    @AfterEach
    void close() throws Exception {
        keeper.close();
    }

    private int sql(InputStream stdin, Map<String, String> env, String... args) {
        CommandLine cl = ShardSqlCli.commandLine();
        SqlCommand command = cl.getSubcommands().get("sql").getCommand();
        command.stdin = stdin;
        command.env = env;
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "sql";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    private int sql(String... args) {
        return sql(InputStream.nullInputStream(), Map.of(), args);
    }

    private String out() {
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    private String err() {
        return err.toString().replace(System.lineSeparator(), "\n");
    }

    private long rowsOfT() throws Exception {
        try (Statement st = keeper.createStatement(); ResultSet rs = st.executeQuery("select count(*) from t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Path script(String text) throws Exception {
        Path file = tmp.resolve("script.sql");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void executesAndPrintsATable() {
        int code = sql("--url", url, "-e", "\\timing off", "-e",
                "select id, name from t order by id; insert into t values (3, 'c'), (4, 'd')");
        assertThat(code).isZero();
        assertThat(out()).isEqualTo("""
                Timing is off.
                 ID | NAME
                ----+------
                  1 | a
                  2 | NULL
                (2 rows)
                INSERT 2
                """);
        assertThat(err()).isEmpty();
    }

    @Test
    void timingsFollowCounts() {
        assertThat(sql("--url", url, "-e",
                "select * from t; update t set name = 'z' where id = 1; create table u (x int)")).isZero();
        assertThat(out()).containsPattern("\\(2 rows, \\d+\\.\\d ms\\)\n")
                .containsPattern("\nUPDATE 1 \\(\\d+\\.\\d ms\\)\n")
                .containsPattern("\nCREATE \\(\\d+\\.\\d ms\\)\n");
    }

    @Test
    void scriptErrorNamesTheLineAndStops() throws Exception {
        Path file = script("""
                insert into t values (3, 'c');

                -- the next statement fails: id 1 exists
                insert into t
                  values (1, 'dup');
                insert into t values (4, 'd');
                """);
        int code = sql("--url", url, "-f", file.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err()).startsWith("ERROR 23505: ").endsWith(" (line 4)\n");
        assertThat(rowsOfT()).isEqualTo(3);
    }

    @Test
    void continueOnErrorRunsTheRest() throws Exception {
        Path file = script("insert into t values (1, 'dup');\nselect nope from t;\ninsert into t values (4, 'd');\n");
        int code = sql("--url", url, "--continue-on-error", "-f", file.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("(line 1)\n").contains("ERROR 42S22: ").contains("(line 2)\n");
        assertThat(out()).contains("INSERT 1");
        assertThat(rowsOfT()).isEqualTo(3);
    }

    @Test
    void csvOutputIsExactAndStatusGoesToStderr() {
        int code = sql("--url", url, "--format", "csv", "-e",
                "insert into t values (3, 'x,\"y\"'), (4, '');select id, name, id * 1.5 as d from t order by id");
        assertThat(code).isZero();
        assertThat(out()).isEqualTo("ID,NAME,D\n1,a,1.5\n2,,3.0\n3,\"x,\"\"y\"\"\",4.5\n4,\"\",6.0\n");
        assertThat(err()).containsPattern("^INSERT 2 \\(.* ms\\)\n\\(4 rows, .* ms\\)\n$");
    }

    @Test
    void jsonOutputIsExact() {
        int code = sql("--url", url, "--format", "JSON", "-e",
                "select id, name, id > 1 as big, cast(id as decimal(5,2)) as d from t order by id;"
                        + " select * from t where id < 0");
        assertThat(code).isZero();
        assertThat(out()).isEqualTo("""
                [
                {"ID":1,"NAME":"a","BIG":false,"D":1.00},
                {"ID":2,"NAME":null,"BIG":true,"D":2.00}
                ]
                []
                """);
    }

    @Test
    void readsStatementsFromStdinWhenItIsNoTerminal() throws Exception {
        String input = "insert into t values (3, 'c');\nselect count(*) as n\n  from t;\n"
                + "select broken from;\nselect 1;\n";
        int code = sql(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), Map.of(),
                "--url", url, "--format", "csv");
        assertThat(code).isEqualTo(1);
        assertThat(out()).isEqualTo("N\n3\n");
        assertThat(err()).containsPattern("(?m)^ERROR 42\\w{3}: ").endsWith("(line 4)\n");
        assertThat(rowsOfT()).isEqualTo(3);
    }

    @Test
    void trailingStatementWithoutSemicolonRuns() {
        assertThat(sql(new ByteArrayInputStream("select name from t where id = 1".getBytes(StandardCharsets.UTF_8)),
                Map.of(),
                "--url", url, "--format", "csv")).isZero();
        assertThat(out()).isEqualTo("NAME\na\n");
    }

    @Test
    void streamsLargeResults() {
        assertThat(sql("--url", url, "--format", "csv", "-e", "select x from system_range(1, 20000)")).isZero();
        assertThat(out().lines()).hasSize(20001).endsWith("20000");
        out.getBuffer().setLength(0);
        assertThat(sql("--url", url, "-e", "select x from system_range(1, 1500)")).isZero();
        assertThat(out().lines()).hasSize(1503).contains("    1", " 1500").last().asString().startsWith("(1500 rows, ");
    }

    @Test
    void listsTablesWithDt() throws Exception {
        try (Statement st = keeper.createStatement()) {
            st.execute("create view v as select id from t");
        }
        assertThat(sql("--url", url, "--format", "csv", "-e", "\\dt")).isZero();
        assertThat(out()).isEqualTo("TABLE_SCHEM,TABLE_NAME,TABLE_TYPE\nPUBLIC,T,BASE TABLE\nPUBLIC,V,VIEW\n");
    }

    @Test
    void unknownMetaCommandIsAnError() {
        assertThat(sql("--url", url, "-e", "select 1;\n\\nope")).isEqualTo(1);
        assertThat(err()).isEqualTo("ERROR: unknown command \\nope (\\? lists the commands) (line 2)\n");
    }

    @Test
    void quitStopsTheScript() {
        assertThat(sql("--url", url, "--format", "csv", "-e", "select 1 as a;\n\\q\nselect 2 as b;")).isZero();
        assertThat(out()).isEqualTo("A\n1\n");
    }

    @Test
    void passwordFromTheEnvironment() throws Exception {
        String secured = "jdbc:h2:mem:secured" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(secured, "admin", "s3cret")) {
            assertThat(sql(InputStream.nullInputStream(), Map.of("SHARDSQL_PASSWORD", "s3cret"), "--url", secured,
                    "-e", "select 1")).isZero();
            assertThat(sql(InputStream.nullInputStream(), Map.of("SHARDSQL_PASSWORD", "wrong"), "--url", secured,
                    "-e", "select 1")).isEqualTo(2);
            assertThat(err()).startsWith("shardsql sql: cannot connect to " + secured + ": ");
            assertThat(sql("--url", secured, "--password", "s3cret", "-e", "select 1")).isZero();
        }
    }

    @Test
    void usageAndConnectionErrorsExitWithTwo() throws Exception {
        assertThat(sql("--url", "jdbc:nobody://x/", "-e", "select 1")).isEqualTo(2);
        assertThat(err()).contains("No suitable driver").contains("is its JDBC driver on the classpath?");
        assertThat(sql("--url", url, "--format", "xml", "-e", "select 1")).isEqualTo(2);
        assertThat(sql("--url", url, "-f", tmp.resolve("missing.sql").toString())).isEqualTo(2);
        assertThat(sql("--url", url, "-e", "select 1", "-f", script("select 1;").toString())).isEqualTo(2);
        assertThat(sql("--no-such-option")).isEqualTo(2);
    }

    @Test
    void registeredInTheCli() {
        CommandLine cl = ShardSqlCli.commandLine();
        assertThat(cl.getSubcommands()).containsKey("sql");
        assertThat(cl.getUsageMessage()).contains("sql");
    }

    @Test
    void helpListsTheOptions() {
        assertThat(sql("--help")).isZero();
        assertThat(out()).contains("--url", "--user", "--password", "--format", "--continue-on-error", "-e", "-f");
    }
}
