package io.shardsql.testkit.security;

import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The privilege matrix of issue 18 over the JDBC driver: every kind of statement run by a user without
 * the privilege it needs fails with 42501 and changes nothing; with the privilege (granted to the user,
 * or to a role the user holds) it runs. One single-node cluster for the class; each test uses tables and
 * users of its own.
 */
@Timeout(300)
class PrivilegeIT {
    private static final String PW = "long-enough-1";
    private static MiniCluster cluster;
    private static Connection admin;

    @BeforeAll
    static void start() throws Exception {
        cluster = MiniCluster.builder().nodes(1).replication(1).shards(2).start();
        cluster.awaitReady();
        admin = DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (admin != null) admin.close();
        if (cluster != null) cluster.close();
    }

    @Test
    void readsAndWritesNeedTheirTablePrivileges() throws Exception {
        exec(admin, "CREATE TABLE m (id INT PRIMARY KEY, v INT)", "CREATE TABLE m2 (id INT PRIMARY KEY, v INT)",
                "INSERT INTO m VALUES (1, 10), (2, 20)", "INSERT INTO m2 VALUES (1, 100)",
                "CREATE USER ann PASSWORD '" + PW + "'");
        assertThat(rows(admin, "SELECT v FROM m ORDER BY id")).containsExactly("10", "20"); // the plan is cached
        try (Connection ann = connect("ann")) {
            denied(ann, "SELECT v FROM m ORDER BY id"); // the same text: a cached plan is still checked
            denied(ann, "INSERT INTO m VALUES (3, 30)");
            denied(ann, "UPDATE m SET v = 0");
            denied(ann, "DELETE FROM m");
            exec(admin, "GRANT SELECT ON m2 TO ann");
            assertThat(rows(ann, "SELECT v FROM m2")).containsExactly("100");
            denied(ann, "SELECT m2.v FROM m2 JOIN m ON m.id = m2.id"); // a join
            denied(ann, "SELECT v FROM m2 WHERE id IN (SELECT id FROM m)"); // a sub-query
            denied(ann, "SELECT (SELECT max(v) FROM m) FROM m2"); // a scalar sub-query
            denied(ann, "EXPLAIN SELECT v FROM m");
            exec(admin, "GRANT INSERT ON TABLE m2 TO ann");
            denied(ann, "INSERT INTO m2 SELECT id + 10, v FROM m"); // INSERT ... SELECT reads m
            exec(admin, "GRANT UPDATE, DELETE ON m TO ann");
            // UPDATE and DELETE that read the table (WHERE, SET from a column) need SELECT too
            denied(ann, "UPDATE m SET v = v + 1");
            denied(ann, "UPDATE m SET v = 0 WHERE id = 1");
            denied(ann, "DELETE FROM m WHERE id = 1");
            assertThat(rows(admin, "SELECT v FROM m ORDER BY id")).containsExactly("10", "20"); // nothing changed
            assertThat(rows(admin, "SELECT v FROM m2 ORDER BY id")).containsExactly("100");
            assertThat(exec(ann, "UPDATE m SET v = 7")).isEqualTo(2); // blind: UPDATE alone
            exec(admin, "GRANT SELECT ON m TO ann");
            assertThat(exec(ann, "UPDATE m SET v = v + 1 WHERE id = 1")).isEqualTo(1);
            assertThat(exec(ann, "INSERT INTO m2 SELECT id + 10, v FROM m")).isEqualTo(2);
            assertThat(exec(ann, "DELETE FROM m WHERE id = 2")).isEqualTo(1);
            exec(admin, "REVOKE ALL PRIVILEGES ON m FROM ann");
            denied(ann, "SELECT v FROM m");
            denied(ann, "DELETE FROM m");
            assertThat(rows(admin, "SELECT v FROM m ORDER BY id")).containsExactly("8");
        }
    }

    @Test
    void ddlNeedsCreateOrOwnership() throws Exception {
        exec(admin, "CREATE TABLE d (id INT PRIMARY KEY, v INT)", "CREATE USER dan PASSWORD '" + PW + "'",
                "CREATE USER dora PASSWORD '" + PW + "'", "GRANT ALL ON d TO dan");
        try (Connection dan = connect("dan"); Connection dora = connect("dora")) {
            denied(dan, "CREATE TABLE dans (id INT PRIMARY KEY)");
            denied(dan, "DROP TABLE d"); // all privileges, but not the owner
            denied(dan, "ALTER TABLE d ADD COLUMN w INT");
            denied(dan, "CREATE INDEX d_v ON d (v)");
            denied(dan, "GRANT SELECT ON d TO dora");
            denied(dan, "CREATE SEQUENCE dan_seq");
            exec(admin, "CREATE SEQUENCE admin_seq");
            denied(dan, "ALTER SEQUENCE admin_seq INCREMENT BY 5");
            denied(dan, "DROP SEQUENCE admin_seq");
            denied(dan, "SELECT setval('admin_seq', 100)"); // it would break every user's keys
            denied(dan, "SELECT nextval('admin_seq')");
            assertThat(rows(admin, "SELECT CAST(nextval('admin_seq') AS VARCHAR)")).as("unchanged by the refusals")
                    .containsExactly("1");
            exec(admin, "DROP SEQUENCE admin_seq");
            assertThat(rows(admin, "SELECT CAST(column_count AS VARCHAR) FROM sys.tables WHERE table_name = 'd'"))
                    .containsExactly("2");
            assertThat(rows(admin, "SELECT index_name FROM sys.indexes WHERE table_name = 'd'")).isEmpty();
            exec(admin, "GRANT CREATE ON DATABASE shardsql TO dan");
            exec(dan, "CREATE SEQUENCE dan_seq");
            denied(dora, "DROP SEQUENCE dan_seq");
            exec(dan, "DROP SEQUENCE dan_seq"); // its creator owns it
            exec(dan, "CREATE TABLE dans (id INT PRIMARY KEY, v INT)", "INSERT INTO dans VALUES (1, 1)",
                    "CREATE INDEX dans_v ON dans (v)", "ALTER TABLE dans ADD COLUMN w INT");
            denied(dora, "SELECT * FROM dans");
            denied(dora, "DROP TABLE dans");
            denied(dora, "DROP INDEX dans_v");
            exec(dan, "GRANT SELECT ON dans TO dora"); // the owner grants on its table
            assertThat(rows(dora, "SELECT CAST(id AS VARCHAR) FROM dans")).containsExactly("1");
            exec(admin, "REVOKE CREATE ON DATABASE shardsql FROM dan");
            denied(dan, "CREATE TABLE dans2 (id INT PRIMARY KEY)");
            assertThat(catchThrowableOfType(() -> exec(admin, "DROP USER dan"), SQLException.class).getSQLState())
                    .isEqualTo("2BP01"); // it owns a table
            exec(dan, "DROP INDEX dans_v", "DROP TABLE dans");
            exec(admin, "DROP TABLE d");
        }
        exec(admin, "DROP USER dan");
    }

    @Test
    void sequencesNeedTheirPrivileges() throws Exception {
        exec(admin, "CREATE USER sol PASSWORD '" + PW + "'", "CREATE USER seb PASSWORD '" + PW + "'",
                "GRANT CREATE ON DATABASE shardsql TO sol");
        try (Connection sol = connect("sol"); Connection seb = connect("seb")) {
            exec(sol, "CREATE SEQUENCE sol_seq");
            assertThat(value(sol, "SELECT nextval('sol_seq')")).isEqualTo("1"); // the creator owns it
            denied(seb, "SELECT nextval('sol_seq')");
            denied(seb, "SELECT currval('sol_seq')");
            denied(seb, "SELECT setval('sol_seq', 100)");
            denied(seb, "ALTER SEQUENCE sol_seq INCREMENT BY 5");
            denied(seb, "DROP SEQUENCE sol_seq");
            denied(seb, "GRANT USAGE ON SEQUENCE sol_seq TO seb");
            assertThat(value(sol, "SELECT nextval('sol_seq')")).as("nothing changed").isEqualTo("2");
            assertThat(state(sol, "GRANT USAGE ON SEQUENCE no_seq TO seb")).isEqualTo("42P01");
            assertThat(state(sol, "GRANT USAGE ON SEQUENCE sol_seq TO nobody")).isEqualTo("42704");
            assertThat(state(sol, "GRANT INSERT ON SEQUENCE sol_seq TO seb")).isEqualTo("42601");

            exec(sol, "GRANT SELECT ON SEQUENCE sol_seq TO seb");
            denied(seb, "SELECT nextval('sol_seq')"); // SELECT is currval's, not nextval's
            assertThat(state(seb, "SELECT currval('sol_seq')")).isEqualTo("55000"); // allowed; none yet here
            exec(sol, "GRANT USAGE ON SEQUENCE sol_seq TO seb");
            assertThat(value(seb, "SELECT nextval('sol_seq')")).isEqualTo("3");
            assertThat(value(seb, "SELECT currval('sol_seq')")).isEqualTo("3");
            denied(seb, "SELECT setval('sol_seq', 100)");

            exec(sol, "REVOKE USAGE, SELECT ON SEQUENCE sol_seq FROM seb", "GRANT UPDATE ON SEQUENCE sol_seq TO seb");
            denied(seb, "SELECT currval('sol_seq')"); // UPDATE gives nextval and setval, not currval
            assertThat(value(seb, "SELECT nextval('sol_seq')")).isEqualTo("4");
            assertThat(value(seb, "SELECT setval('sol_seq', 100)")).isEqualTo("100");
            denied(seb, "ALTER SEQUENCE sol_seq INCREMENT BY 5"); // every privilege is not ownership
            denied(seb, "DROP SEQUENCE sol_seq");
            denied(seb, "GRANT SELECT ON SEQUENCE sol_seq TO seb");
            assertThat(value(sol, "SELECT nextval('sol_seq')")).isEqualTo("101");
            exec(admin, "REVOKE ALL ON SEQUENCE sol_seq FROM seb"); // an admin grants on every sequence
            denied(seb, "SELECT nextval('sol_seq')");

            exec(sol, "ALTER SEQUENCE sol_seq INCREMENT BY 10");
            assertThat(catchThrowableOfType(() -> exec(admin, "DROP USER sol"), SQLException.class).getSQLState())
                    .isEqualTo("2BP01"); // it owns a sequence
            exec(sol, "GRANT ALL PRIVILEGES ON SEQUENCE sol_seq TO seb", "DROP SEQUENCE sol_seq",
                    "CREATE SEQUENCE sol_seq");
            denied(seb, "SELECT nextval('sol_seq')"); // the grants went with the dropped sequence
            exec(sol, "DROP SEQUENCE sol_seq");
        }
        exec(admin, "DROP USER sol", "DROP USER seb");
    }

    @Test
    void insertOnATableCoversItsSerialColumnsSequence() throws Exception {
        exec(admin, "CREATE USER tom PASSWORD '" + PW + "'", "CREATE USER ivy PASSWORD '" + PW + "'",
                "CREATE USER vic PASSWORD '" + PW + "'", "GRANT CREATE ON DATABASE shardsql TO tom",
                "CREATE SEQUENCE other_seq");
        try (Connection tom = connect("tom"); Connection ivy = connect("ivy"); Connection vic = connect("vic")) {
            exec(tom, "CREATE TABLE st (id SERIAL PRIMARY KEY, v INT)", "GRANT SELECT ON st TO vic");
            denied(ivy, "INSERT INTO st (v) VALUES (1)");
            exec(tom, "GRANT INSERT ON st TO ivy");
            assertThat(exec(ivy, "INSERT INTO st (v) VALUES (1)")).isEqualTo(1); // the default's nextval
            assertThat(value(ivy, "SELECT nextval('st_id_seq')")).isEqualTo("2"); // INSERT could take it anyway
            denied(vic, "SELECT nextval('st_id_seq')"); // SELECT on the table is not enough
            denied(ivy, "SELECT currval('st_id_seq')");
            denied(ivy, "SELECT setval('st_id_seq', 100)");
            denied(ivy, "ALTER SEQUENCE st_id_seq INCREMENT BY 5");
            denied(ivy, "INSERT INTO st (v) VALUES (nextval('other_seq'))"); // another sequence needs USAGE
            assertThat(value(admin, "SELECT nextval('other_seq')")).as("nothing changed").isEqualTo("1");
            // the table's owner owns its sequence
            assertThat(value(tom, "SELECT setval('st_id_seq', 10)")).isEqualTo("10");
            exec(tom, "GRANT SELECT ON SEQUENCE st_id_seq TO ivy");
            assertThat(exec(ivy, "INSERT INTO st (v) VALUES (2)")).isEqualTo(1);
            assertThat(value(ivy, "SELECT currval('st_id_seq')")).isEqualTo("11");
            assertThat(rows(admin, "SELECT CAST(id AS VARCHAR) FROM st ORDER BY id")).containsExactly("1", "11");
            exec(tom, "DROP TABLE st", "CREATE TABLE st (id SERIAL PRIMARY KEY, v INT)",
                    "GRANT INSERT ON st TO ivy");
            denied(ivy, "SELECT currval('st_id_seq')"); // the sequence's grants went with the table
            exec(tom, "DROP TABLE st");
        }
        exec(admin, "DROP SEQUENCE other_seq", "DROP USER tom", "DROP USER ivy", "DROP USER vic");
    }

    @Test
    void usersRolesAndBackupsAreForAdmins() throws Exception {
        exec(admin, "CREATE USER una PASSWORD '" + PW + "'", "CREATE USER uli PASSWORD '" + PW + "'");
        try (Connection una = connect("una")) {
            denied(una, "CREATE USER eve PASSWORD '" + PW + "'");
            denied(una, "ALTER USER uli PASSWORD 'stolen-password'");
            denied(una, "ALTER USER admin PASSWORD 'stolen-password'");
            denied(una, "DROP USER uli");
            denied(una, "CREATE ROLE r");
            denied(una, "GRANT admin TO una");
            denied(una, "GRANT CREATE ON DATABASE shardsql TO una");
            denied(una, "SNAPSHOT TO 'una'");
            denied(una, "SHOW SNAPSHOTS");
            denied(una, "SELECT * FROM sys.transactions");
            denied(una, "SELECT * FROM sys.snapshots");
            try (Connection uli = connect("uli")) { // nothing changed: uli still logs in with its password
                assertThat(rows(uli, "SELECT 1")).containsExactly("1");
            }
            assertThat(catchThrowableOfType(() -> connect("eve"), SQLException.class).getSQLState()).isEqualTo("28P01");
            exec(una, "ALTER USER una PASSWORD 'another-password'"); // its own password
            exec(admin, "SNAPSHOT TO 'by-admin'");
            denied(una, "DROP SNAPSHOT 'by-admin'");
            assertThat(rows(admin, "SELECT name FROM sys.snapshots")).contains("by-admin");
            exec(admin, "GRANT backup TO una");
            exec(una, "SNAPSHOT TO 'by-una'", "DROP SNAPSHOT 'by-admin'");
            assertThat(rows(una, "SELECT name FROM sys.snapshots")).contains("by-una").doesNotContain("by-admin");
            denied(una, "SELECT * FROM sys.transactions"); // backup is not admin
            exec(admin, "GRANT admin TO una");
            exec(una, "CREATE USER eve PASSWORD '" + PW + "'", "DROP USER eve");
            assertThat(rows(una, "SELECT count(*) FROM sys.transactions")).hasSize(1);
            exec(admin, "REVOKE admin FROM una");
            denied(una, "CREATE ROLE r");
        }
        assertThat(catchThrowableOfType(() -> exec(admin, "REVOKE admin FROM admin"), SQLException.class)
                .getSQLState()).isEqualTo("55006"); // the last admin stays
    }

    @Test
    void aRoleGivesItsPrivilegesToItsMembers() throws Exception {
        exec(admin, "CREATE TABLE r1 (id INT PRIMARY KEY)", "INSERT INTO r1 VALUES (1)",
                "CREATE USER rob PASSWORD '" + PW + "'", "CREATE ROLE readers", "GRANT SELECT ON r1 TO readers");
        assertThat(catchThrowableOfType(() -> exec(admin, "CREATE ROLE rob"), SQLException.class).getSQLState())
                .isEqualTo("42710");
        try (Connection rob = connect("rob")) {
            denied(rob, "SELECT id FROM r1");
            exec(admin, "GRANT readers TO rob");
            assertThat(rows(rob, "SELECT CAST(id AS VARCHAR) FROM r1")).containsExactly("1");
            denied(rob, "INSERT INTO r1 VALUES (2)");
            exec(admin, "REVOKE readers FROM rob");
            denied(rob, "SELECT id FROM r1");
            exec(admin, "GRANT readers TO rob", "DROP ROLE readers"); // dropping the role takes its grants
            denied(rob, "SELECT id FROM r1");
        }
        assertThat(catchThrowableOfType(() -> exec(admin, "DROP ROLE admin"), SQLException.class).getSQLState())
                .isEqualTo("2BP01");
    }

    @Test
    void aUserSeesOnlyTheTablesItMayUse() throws Exception {
        exec(admin, "CREATE TABLE seen (id INT PRIMARY KEY)", "CREATE TABLE unseen (id INT PRIMARY KEY)",
                "CREATE USER sid PASSWORD '" + PW + "'", "GRANT INSERT ON seen TO sid");
        try (Connection sid = connect("sid")) {
            assertThat(rows(sid, "SELECT table_name FROM sys.tables")).containsExactly("seen");
            assertThat(rows(sid, "SELECT DISTINCT table_name FROM sys.columns")).containsExactly("seen");
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = sid.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rs.next()) tables.add(rs.getString("TABLE_NAME"));
            }
            assertThat(tables).containsExactly("seen");
            List<String> system = new ArrayList<>();
            try (ResultSet rs = sid.getMetaData().getTables(null, "sys", "%", null)) {
                while (rs.next()) system.add(rs.getString("TABLE_NAME"));
            }
            assertThat(system).contains("tables", "columns").doesNotContain("transactions"); // admin only
            assertThat(rows(admin, "SELECT table_name FROM sys.tables")).contains("seen", "unseen");
        }
    }

    @Test
    void informationSchemaShowsOnlyWhatTheUserMaySee() throws Exception {
        exec(admin, "CREATE TABLE isv_seen (id INT PRIMARY KEY, code INT UNIQUE, qty INT CHECK (qty > 0))",
                "CREATE TABLE isv_hidden (id INT PRIMARY KEY, code INT UNIQUE)",
                "CREATE VIEW isv_view AS SELECT id FROM isv_hidden", "CREATE SEQUENCE isv_seq_seen",
                "CREATE SEQUENCE isv_seq_hidden", "CREATE USER ida PASSWORD '" + PW + "'",
                "GRANT INSERT ON isv_seen TO ida", "GRANT SELECT ON isv_view TO ida",
                "GRANT USAGE ON SEQUENCE isv_seq_seen TO ida");
        try (Connection ida = connect("ida")) {
            String like = " WHERE table_name LIKE 'isv%' ORDER BY 1";
            assertThat(rows(ida, "SELECT table_name FROM information_schema.tables" + like))
                    .containsExactly("isv_seen", "isv_view");
            assertThat(rows(ida, "SELECT DISTINCT table_name FROM information_schema.columns" + like))
                    .containsExactly("isv_seen", "isv_view");
            assertThat(rows(ida, "SELECT DISTINCT table_name FROM information_schema.table_constraints" + like))
                    .containsExactly("isv_seen");
            assertThat(rows(ida, "SELECT DISTINCT table_name FROM information_schema.key_column_usage" + like))
                    .containsExactly("isv_seen");
            assertThat(rows(ida, "SELECT sequence_name FROM information_schema.sequences"
                    + " WHERE sequence_name LIKE 'isv%'")).containsExactly("isv_seq_seen");
            // a view's definition is its owner's to see, as in PostgreSQL
            assertThat(value(ida, "SELECT view_definition FROM information_schema.views" + like)).isNull();
            assertThat(value(admin, "SELECT view_definition FROM information_schema.views" + like))
                    .isEqualTo("SELECT id FROM isv_hidden");
            denied(ida, "INSERT INTO information_schema.tables VALUES (NULL, 'public', 'isv_x', 'VIEW')");
            denied(admin, "DELETE FROM information_schema.tables");
            assertThat(rows(admin, "SELECT table_name FROM information_schema.tables" + like))
                    .containsExactly("isv_hidden", "isv_seen", "isv_view");
            assertThat(rows(admin, "SELECT sequence_name FROM information_schema.sequences"
                    + " WHERE sequence_name LIKE 'isv%' ORDER BY 1"))
                    .containsExactly("isv_seq_hidden", "isv_seq_seen");
        }
    }

    @Test
    void passwordsHaveAtLeastEightCharacters() throws Exception {
        assertThat(catchThrowableOfType(() -> exec(admin, "CREATE USER pat PASSWORD 'seven77'"), SQLException.class)
                .getSQLState()).isEqualTo("22023");
        assertThat(catchThrowableOfType(() -> connect("pat"), SQLException.class).getSQLState()).isEqualTo("28P01");
        exec(admin, "CREATE USER pat PASSWORD 'eight888'");
        try (Connection pat = connect("pat", "eight888")) {
            SQLException e = catchThrowableOfType(() -> exec(pat, "ALTER USER pat PASSWORD 'short'"), SQLException.class);
            assertThat(e.getSQLState()).isEqualTo("22023");
            assertThat(e.getMessage()).contains("at least 8 characters");
        }
        connect("pat", "eight888").close(); // unchanged
    }

    @Test
    void grantsAreTheSameOnEveryNodeAndSurviveARestart() throws Exception {
        try (MiniCluster three = MiniCluster.builder().nodes(3).shards(2).start()) {
            three.awaitReady();
            try (Connection a = DriverManager.getConnection(three.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD)) {
                exec(a, "CREATE TABLE g (id INT PRIMARY KEY)", "INSERT INTO g VALUES (1)",
                        "CREATE USER gus PASSWORD '" + PW + "'", "GRANT SELECT ON g TO gus");
            }
            for (int node = 0; node < 3; node++) selectsButDoesNotInsert(three, node);
            for (int node = 0; node < 3; node++) three.stopNode(node);
            for (int node = 0; node < 3; node++) three.startNode(node);
            three.awaitReady();
            selectsButDoesNotInsert(three, 2);
        }
    }

    private static void selectsButDoesNotInsert(MiniCluster c, int node) throws SQLException {
        String url = "jdbc:shardsql://" + c.config(node).self().host() + ":" + c.config(node).self().sqlPort() + "/";
        try (Connection gus = DriverManager.getConnection(url, "gus", PW)) {
            assertThat(rows(gus, "SELECT CAST(id AS VARCHAR) FROM g")).containsExactly("1");
            denied(gus, "INSERT INTO g VALUES (2)");
        }
    }

    private static Connection connect(String user) throws SQLException {
        return connect(user, PW);
    }

    private static Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), user, password);
    }

    private static void denied(Connection c, String sql) {
        SQLException e = catchThrowableOfType(() -> exec(c, sql), SQLException.class);
        assertThat((Throwable) e).as(sql).isNotNull();
        assertThat(e.getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo("42501");
    }

    /** Runs each statement; returns the last one's update count (-1 for a query). */
    private static int exec(Connection c, String... sqls) throws SQLException {
        int n = -1;
        try (Statement s = c.createStatement()) {
            for (String sql : sqls) {
                if (s.execute(sql)) {
                    try (ResultSet rs = s.getResultSet()) {
                        while (rs.next()) { } // drain
                    }
                    n = -1;
                } else {
                    n = s.getUpdateCount();
                }
            }
        }
        return n;
    }

    /** The one value of a query of one row and one column, as text. */
    private static String value(Connection c, String sql) throws SQLException {
        List<String> out = rows(c, sql);
        assertThat(out).as(sql).hasSize(1);
        return out.get(0);
    }

    /** The SQLState {@code sql} fails with. */
    private static String state(Connection c, String sql) {
        SQLException e = catchThrowableOfType(() -> exec(c, sql), SQLException.class);
        assertThat((Throwable) e).as(sql).isNotNull();
        return e.getSQLState();
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
