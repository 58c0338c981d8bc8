package io.shardsql.jdbc;

import io.shardsql.protocol.value.Row;
import io.shardsql.protocol.value.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The driver against {@link ScriptedServer}: real sockets, real codecs, real SCRAM; no database. */
@Timeout(60)
class DriverOverScriptedServerTest {
    private ScriptedServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = new ScriptedServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(server.url(), ScriptedServer.USER, ScriptedServer.PASSWORD);
    }

    private static String state(Throwable e) {
        return ((SQLException) e).getSQLState();
    }

    @Test
    void connectsAuthenticatesPingsAndSaysGoodbye() throws SQLException {
        Connection c = connect();
        assertThat(c.isValid(5)).isTrue();
        assertThat(server.count("Ping")).isEqualTo(1);
        assertThat(server.log.peek()).startsWith("Hello[versions=[1], clientName=shardsql-jdbc");
        assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
        DatabaseMetaData md = c.getMetaData();
        assertThat(md.getDatabaseProductName()).isEqualTo("ShardSQL");
        assertThat(md.getDatabaseProductVersion()).isEqualTo("0.1.0");
        assertThat(md.getDatabaseMinorVersion()).isEqualTo(1);
        assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED)).isTrue();
        assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE)).isFalse();
        assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
        assertThat(md.storesLowerCaseIdentifiers()).isTrue();
        c.close();
        assertThat(c.isClosed()).isTrue();
        await().atMost(5, TimeUnit.SECONDS).until(() -> server.count("Goodbye") == 1);
        assertThatThrownBy(c::createStatement).extracting(DriverOverScriptedServerTest::state).isEqualTo("08003");
        assertThat(c.isValid(1)).isFalse();
    }

    @Test
    void aWrongPasswordIs28P01() {
        assertThatThrownBy(() -> DriverManager.getConnection(server.url(), ScriptedServer.USER, "guess"))
                .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
                .extracting(DriverOverScriptedServerTest::state).isEqualTo("28P01");
    }

    @Test
    void failsOverToTheNextHost() throws SQLException {
        String url = "jdbc:shardsql://127.0.0.1:1,127.0.0.1:" + server.port() + "/?connectTimeout=5";
        try (Connection c = DriverManager.getConnection(url, ScriptedServer.USER, ScriptedServer.PASSWORD)) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void aDeadNodeMakesEveryLaterCall08006() throws SQLException {
        Connection c = connect();
        Statement s = c.createStatement();
        assertThatThrownBy(() -> s.execute("DIE")).extracting(DriverOverScriptedServerTest::state).isEqualTo("08006");
        assertThatThrownBy(c::createStatement).extracting(DriverOverScriptedServerTest::state).isEqualTo("08006");
        assertThatThrownBy(() -> c.setAutoCommit(false)).extracting(DriverOverScriptedServerTest::state).isEqualTo("08006");
        assertThatThrownBy(() -> s.executeQuery("ROWS 1")).extracting(DriverOverScriptedServerTest::state).isEqualTo("08006");
        assertThat(c.isValid(1)).isFalse();
        assertThat(c.isClosed()).isTrue();
        c.close();
    }

    @Test
    void resultsStreamOneBatchAtATime() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.setFetchSize(10);
            List<Integer> seen = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("ROWS 35")) {
                assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("n");
                while (rs.next()) seen.add(rs.getInt("N"));
            }
            assertThat(seen).hasSize(35).startsWith(0, 1).endsWith(34);
            assertThat(server.count("Fetch[")).isEqualTo(3);
            assertThat(server.count("Execute[")).isEqualTo(1);
            assertThat(server.log).anyMatch(l -> l.startsWith("Execute[") && l.contains("fetchSize=10"));
        }
    }

    @Test
    void closingEarlyClosesTheCursorAndMaxRowsCaps() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.setFetchSize(5);
            ResultSet rs = s.executeQuery("ROWS 100");
            for (int i = 0; i < 7; i++) assertThat(rs.next()).isTrue();
            rs.close();
            assertThat(server.count("CloseCursor")).isEqualTo(1);
            s.setMaxRows(7);
            int n = 0;
            try (ResultSet r = s.executeQuery("ROWS 100")) {
                while (r.next()) n++;
            }
            assertThat(n).isEqualTo(7);
            assertThat(server.log).anyMatch(l -> l.contains("maxRows=7"));
        }
    }

    @Test
    void updateCountsDoneAndErrorsKeepTheConnection() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE t SET x = 1")).isEqualTo(3);
            assertThat(s.executeLargeUpdate("UPDATE t SET x = 1")).isEqualTo(3L);
            assertThat(s.execute("CREATE TABLE t (x INT)")).isFalse();
            assertThat(s.getUpdateCount()).isZero();
            assertThatThrownBy(() -> s.execute("BAD")).isInstanceOf(SQLSyntaxErrorException.class)
                    .hasMessageContaining("line 1, column 1");
            assertThat(s.getGeneratedKeys().next()).isFalse();
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void parametersTravelTyped() throws SQLException {
        try (Connection c = connect(); PreparedStatement p = c.prepareStatement("ECHO ?, ?, ?, ?, ?, ?")) {
            assertThat(p.getParameterMetaData().getParameterCount()).isEqualTo(6);
            p.setInt(1, 42);
            p.setString(2, "héllo");
            p.setObject(3, LocalDate.of(2024, 2, 29));
            p.setNull(4, Types.VARCHAR);
            p.setBigDecimal(5, new BigDecimal("-1.50"));
            p.setBytes(6, new byte[] {1, 2});
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
                assertThat(rs.getString(2)).isEqualTo("héllo");
                assertThat(rs.getObject(3, LocalDate.class)).isEqualTo(LocalDate.of(2024, 2, 29));
                assertThat(rs.getString(4)).isNull();
                assertThat(rs.wasNull()).isTrue();
                assertThat(rs.getBigDecimal(5)).isEqualTo(new BigDecimal("-1.50"));
                assertThat(rs.wasNull()).isFalse();
                assertThat(rs.getBytes(6)).containsExactly(1, 2);
                assertThat(rs.getMetaData().getColumnType(3)).isEqualTo(Types.DATE);
                assertThat(rs.next()).isFalse();
            }
            p.clearParameters();
            assertThatThrownBy(p::executeQuery).extracting(DriverOverScriptedServerTest::state).isEqualTo("07001");
        }
        assertThat(server.count("CloseStatement")).isEqualTo(1);
    }

    @Test
    void aPreparedBatchIsOneRoundTripAndReportsTheCountsBeforeAFailure() throws SQLException {
        try (Connection c = connect(); PreparedStatement p = c.prepareStatement("UPDATE t SET x = ?")) {
            for (int i = 0; i < 3; i++) {
                p.setInt(1, i);
                p.addBatch();
            }
            assertThat(p.executeBatch()).containsExactly(1, 1, 1);
            assertThat(server.count("ExecuteBatch")).isEqualTo(1);
            p.setInt(1, 5);
            p.addBatch();
            p.setInt(1, -1);
            p.addBatch();
            p.setInt(1, 6);
            p.addBatch();
            assertThatThrownBy(p::executeBatch).isInstanceOf(BatchUpdateException.class)
                    .satisfies(e -> assertThat(((BatchUpdateException) e).getLargeUpdateCounts()).containsExactly(1L))
                    .extracting(DriverOverScriptedServerTest::state).isEqualTo("23505");
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void aStatementBatchIsPipelined() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.addBatch("UPDATE a");
            s.addBatch("BAD");
            s.addBatch("UPDATE b");
            assertThatThrownBy(s::executeBatch).isInstanceOf(BatchUpdateException.class)
                    .satisfies(e -> assertThat(((BatchUpdateException) e).getUpdateCounts()).containsExactly(3, Statement.EXECUTE_FAILED, 3));
            s.addBatch("UPDATE a");
            s.addBatch("CREATE x");
            assertThat(s.executeBatch()).containsExactly(3, 0);
        }
    }

    @Test
    void transactionControlAndSettingsAreMessages() throws SQLException {
        try (Connection c = connect()) {
            assertThatThrownBy(c::commit).extracting(DriverOverScriptedServerTest::state).isEqualTo("25000");
            c.setAutoCommit(false);
            c.commit();
            c.rollback();
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            assertThatThrownBy(() -> c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE))
                    .extracting(DriverOverScriptedServerTest::state).isEqualTo("0A000");
            assertThat(server.log).contains("SetAutoCommit[autoCommit=false]", "Commit[]", "Rollback[]",
                    "SetReadOnly[readOnly=true]", "SetIsolation[level=1]");
        }
    }

    @Test
    void cancelGoesOverASecondConnectionAndNamesTheRequest() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> {
                try {
                    s.execute("SLEEP");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            }, Executors.newSingleThreadExecutor());
            await().atMost(5, TimeUnit.SECONDS).until(() -> server.count("Execute[statement=Sql[sql=SLEEP]") == 1);
            s.cancel();
            Throwable t = running.get(10, TimeUnit.SECONDS);
            assertThat(t).isInstanceOf(SQLException.class).isNotInstanceOf(SQLTimeoutException.class);
            assertThat(state(t)).isEqualTo("57014");
            assertThat(server.log).anyMatch(l -> l.startsWith("Cancel[sessionId=11, secret=22, requestId="));
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void aQueryTimeoutTravelsAndComesBackAsSqlTimeoutException() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            assertThatThrownBy(() -> s.execute("TIMEOUT")).isInstanceOf(SQLTimeoutException.class);
            assertThat(server.log).anyMatch(l -> l.contains("timeoutMillis=2000"));
        }
    }

    @Test
    void aQueryTimeoutStretchesTheNetworkTimeoutForThatStatement() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setNetworkTimeout(Runnable::run, 300);
            s.setQueryTimeout(1);
            assertThatThrownBy(() -> s.execute("SLOW")).isInstanceOf(SQLTimeoutException.class);
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void aReasonTheServerSentWhileIdleIsWhyTheNextRequestFails() throws SQLException {
        Connection c = connect();
        Statement s = c.createStatement();
        assertThat(s.execute("BYE")).isFalse();
        assertThatThrownBy(() -> s.execute("UPDATE"))
                .satisfies(e -> assertThat(state(e)).isEqualTo("08006"))
                .hasMessageContaining("administrator command")
                .cause().satisfies(e -> assertThat(state(e)).isEqualTo("57P01"));
        assertThat(c.isClosed()).isTrue();
        c.close();
    }

    @Test
    void aNetworkTimeoutBreaksTheConnection() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setNetworkTimeout(Runnable::run, 300);
            assertThat(c.getNetworkTimeout()).isEqualTo(300);
            assertThatThrownBy(() -> s.execute("SLEEP")).extracting(DriverOverScriptedServerTest::state).isEqualTo("08006");
            assertThat(c.isClosed()).isTrue();
        }
    }

    @Test
    void databaseMetaDataShapesTheSystemTables() throws SQLException {
        server.sysTables.put("tables", List.of(Row.of(Value.of("orders"), Value.of("id, line"))));
        server.sysTables.put("information_schema.tables", List.of(Row.of(Value.of("orders"), Value.of("BASE TABLE"))));
        server.sysTables.put("columns", List.of(
                Row.of(Value.of("orders"), Value.of("note"), Value.of(3), Value.of("VARCHAR(20)"), Value.of(true), Value.NULL),
                Row.of(Value.of("orders"), Value.of("id"), Value.of(1), Value.of("BIGINT"), Value.of(false), Value.NULL),
                Row.of(Value.of("orders"), Value.of("line"), Value.of(2), Value.of("DECIMAL(10, 2)"), Value.of(false), Value.of("0"))));
        server.sysTables.put("indexes", List.of(
                Row.of(Value.of("orders"), Value.of("orders_note"), Value.of(false), Value.of("note"), Value.of("PUBLIC"))));
        try (Connection c = connect()) {
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getTables(null, "public", "%", new String[] {"TABLE"})) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("public");
                assertThat(rs.getString("TABLE_NAME")).isEqualTo("orders");
                assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
                assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs = md.getTables(null, null, "ta%", null)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("sys");
                assertThat(rs.getString("TABLE_TYPE")).isEqualTo("SYSTEM TABLE");
            }
            try (ResultSet rs = md.getColumns(null, "public", "orders", null)) {
                assertThat(rs.getMetaData().getColumnCount()).isEqualTo(24);
                List<String> names = new ArrayList<>();
                while (rs.next()) {
                    names.add(rs.getString("COLUMN_NAME"));
                    if (rs.getString("COLUMN_NAME").equals("line")) {
                        assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.DECIMAL);
                        assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(10);
                        assertThat(rs.getInt("DECIMAL_DIGITS")).isEqualTo(2);
                        assertThat(rs.getString("IS_NULLABLE")).isEqualTo("NO");
                        assertThat(rs.getString("COLUMN_DEF")).isEqualTo("0");
                    }
                }
                assertThat(names).containsExactly("id", "line", "note");
            }
            try (ResultSet rs = md.getPrimaryKeys(null, null, "orders")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
                assertThat(rs.getShort("KEY_SEQ")).isEqualTo((short) 1);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("COLUMN_NAME")).isEqualTo("line");
            }
            try (ResultSet rs = md.getIndexInfo(null, null, "orders", false, true)) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) rows.add(rs.getString("INDEX_NAME") + ":" + rs.getString("COLUMN_NAME") + ":" + rs.getBoolean("NON_UNIQUE"));
                assertThat(rows).containsExactly("orders_pkey:id:false", "orders_pkey:line:false", "orders_note:note:true");
            }
            try (ResultSet rs = md.getSchemas()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("public");
            }
            assertThat(md.getCatalogs().next()).isFalse();
            try (ResultSet rs = md.getTypeInfo()) {
                int n = 0;
                while (rs.next()) n++;
                assertThat(n).isEqualTo(13);
            }
            assertThat(md.getImportedKeys(null, null, "orders").getMetaData().getColumnCount()).isEqualTo(14);
        }
    }
}
