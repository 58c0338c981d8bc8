package io.shardsql.testkit.wire;

import io.shardsql.protocol.message.AuthOk;
import io.shardsql.protocol.message.BatchResult;
import io.shardsql.protocol.message.Cancel;
import io.shardsql.protocol.message.CloseCursor;
import io.shardsql.protocol.message.CloseStatement;
import io.shardsql.protocol.message.Commit;
import io.shardsql.protocol.message.Done;
import io.shardsql.protocol.message.Envelope;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.Execute;
import io.shardsql.protocol.message.ExecuteBatch;
import io.shardsql.protocol.message.Fetch;
import io.shardsql.protocol.message.Ok;
import io.shardsql.protocol.message.Ping;
import io.shardsql.protocol.message.Pong;
import io.shardsql.protocol.message.Prepare;
import io.shardsql.protocol.message.Prepared;
import io.shardsql.protocol.message.ResultHeader;
import io.shardsql.protocol.message.Rollback;
import io.shardsql.protocol.message.RowBatch;
import io.shardsql.protocol.message.ServerMessage;
import io.shardsql.protocol.message.SetAutoCommit;
import io.shardsql.protocol.message.SetIsolation;
import io.shardsql.protocol.message.StatementRef;
import io.shardsql.protocol.message.UpdateCount;
import io.shardsql.protocol.value.Value;
import io.shardsql.server.NodeConfig;
import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQL endpoint over real sockets, spoken to by a bare protocol client (no JDBC driver in between). */
@Timeout(300)
class SqlEndpointIT {
    private static MiniCluster cluster;

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(3).shards(2).set("sql.max-cursors", 3).start();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    private static NodeConfig node(int i) {
        return cluster.config(i);
    }

    private static WireClient admin(int node) {
        return WireClient.login("127.0.0.1", node(node).self().sqlPort(), "admin", MiniCluster.ADMIN_PASSWORD);
    }

    private static ServerMessage only(List<ServerMessage> answers) {
        assertThat(answers).hasSize(1);
        return answers.get(0);
    }

    private static ErrorReply error(List<ServerMessage> answers) {
        assertThat(answers.get(answers.size() - 1)).isInstanceOf(ErrorReply.class);
        return (ErrorReply) answers.get(answers.size() - 1);
    }

    private static List<List<Object>> rowsOf(RowBatch b) {
        List<List<Object>> out = new ArrayList<>();
        b.rows().forEach(r -> out.add(r.values().stream().map(Value::toObject).toList()));
        return out;
    }

    @Test
    void queriesStreamByCursorInBatchesOfTheFetchSize() {
        try (WireClient c = admin(0)) {
            assertThat(c.auth().isolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            assertThat(only(c.execute("CREATE TABLE stream_t (id INT PRIMARY KEY, name VARCHAR(20), d DATE, amount DECIMAL(10, 2))")))
                    .isInstanceOf(Done.class);
            List<List<Value>> sets = new ArrayList<>();
            for (int i = 1; i <= 250; i++) sets.add(WireClient.values(i, "n" + i, LocalDate.of(2026, 1, 1).plusDays(i), new BigDecimal(i + ".25")));
            assertThat(only(c.call(new ExecuteBatch(StatementRef.sql("INSERT INTO stream_t VALUES (?, ?, ?, ?)"), sets, 0))))
                    .isEqualTo(new BatchResult(java.util.Collections.nCopies(250, 1L)));

            List<ServerMessage> first = c.call(new Execute(StatementRef.sql("SELECT id, name, d, amount FROM stream_t ORDER BY id"),
                    List.of(), 100, 0, 0));
            ResultHeader header = (ResultHeader) first.get(0);
            assertThat(header.columns()).extracting(col -> col.name()).containsExactly("id", "name", "d", "amount");
            assertThat(header.columns()).extracting(col -> col.jdbcType()).containsExactly(Types.INTEGER, Types.VARCHAR, Types.DATE, Types.DECIMAL);
            RowBatch b1 = (RowBatch) first.get(1);
            assertThat(b1.rows()).hasSize(100);
            assertThat(b1.last()).isFalse();
            assertThat(rowsOf(b1).get(0)).containsExactly(1, "n1", LocalDate.of(2026, 1, 2), new BigDecimal("1.25"));
            RowBatch b2 = (RowBatch) only(c.call(new Fetch(header.cursorId(), 0)));
            assertThat(b2.rows()).hasSize(100);
            RowBatch b3 = (RowBatch) only(c.call(new Fetch(header.cursorId(), 1000)));
            assertThat(b3.rows()).hasSize(50);
            assertThat(b3.last()).isTrue();
            assertThat(rowsOf(b3).get(49).get(0)).isEqualTo(250);
            // The cursor closed itself after the last batch.
            assertThat(error(c.call(new Fetch(header.cursorId(), 0))).sqlState()).isEqualTo("34000");

            // Max rows ends the result early.
            List<ServerMessage> limited = c.call(new Execute(StatementRef.sql("SELECT id FROM stream_t"), List.of(), 0, 7, 0));
            assertThat(((RowBatch) limited.get(1)).rows()).hasSize(7);
            assertThat(((RowBatch) limited.get(1)).last()).isTrue();
        }
    }

    @Test
    void preparedStatementsDescribeTheirParametersAndRunByIdUntilClosed() {
        try (WireClient c = admin(1)) {
            c.execute("CREATE TABLE prep_t (id BIGINT PRIMARY KEY, v VARCHAR(10))");
            Prepared insert = (Prepared) only(c.call(new Prepare("INSERT INTO prep_t VALUES (?, ?)")));
            assertThat(insert.parameters()).extracting(p -> p.jdbcType()).containsExactly(Types.BIGINT, Types.VARCHAR);
            for (long i = 0; i < 5; i++) {
                assertThat(only(c.call(new Execute(StatementRef.byId(insert.statementId()), WireClient.values(i, "v" + i), 0, 0, 0))))
                        .isEqualTo(new UpdateCount(1));
            }
            Prepared select = (Prepared) only(c.call(new Prepare("SELECT v FROM prep_t WHERE id = ?")));
            assertThat(select.columns()).extracting(col -> col.name()).containsExactly("v");
            List<ServerMessage> r = c.call(new Execute(StatementRef.byId(select.statementId()), WireClient.values(3L), 0, 0, 0));
            assertThat(rowsOf((RowBatch) r.get(1))).containsExactly(List.of("v3"));

            assertThat(only(c.call(new CloseStatement(select.statementId())))).isInstanceOf(Ok.class);
            assertThat(only(c.call(new CloseStatement(select.statementId())))).isInstanceOf(Ok.class); // idempotent
            assertThat(error(c.call(new Execute(StatementRef.byId(select.statementId()), WireClient.values(3L), 0, 0, 0))).sqlState())
                    .isEqualTo("26000");
            // A bad statement is an error of that request only.
            ErrorReply bad = error(c.execute("SELEC 1"));
            assertThat(bad.sqlState()).isEqualTo("42601");
            assertThat(only(c.call(new Ping()))).isInstanceOf(Pong.class);
        }
    }

    @Test
    void anAutocommitBatchIsAllOrNothingAndABlockBatchReportsTheCountsBeforeTheFailure() {
        try (WireClient c = admin(2)) {
            c.execute("CREATE TABLE batch_t (id INT PRIMARY KEY)");
            List<ServerMessage> failed = c.call(new ExecuteBatch(StatementRef.sql("INSERT INTO batch_t VALUES (?)"),
                    List.of(WireClient.values(1), WireClient.values(2), WireClient.values(1)), 0));
            assertThat(failed.get(0)).isEqualTo(new BatchResult(List.of()));
            assertThat(error(failed).sqlState()).isEqualTo("23505");
            assertThat(rowsOf((RowBatch) c.execute("SELECT count(*) FROM batch_t").get(1))).containsExactly(List.of(0L));

            assertThat(only(c.call(new SetAutoCommit(false)))).isInstanceOf(Ok.class);
            List<ServerMessage> partial = c.call(new ExecuteBatch(StatementRef.sql("INSERT INTO batch_t VALUES (?)"),
                    List.of(WireClient.values(1), WireClient.values(2), WireClient.values(2)), 0));
            assertThat(partial.get(0)).isEqualTo(new BatchResult(List.of(1L, 1L)));
            assertThat(error(partial).sqlState()).isEqualTo("23505");
            assertThat(only(c.call(new Rollback()))).isInstanceOf(Ok.class);
            assertThat(only(c.call(new SetAutoCommit(true)))).isInstanceOf(Ok.class);
        }
    }

    @Test
    void withAutocommitOffWritesAreSeenByOthersOnlyAfterCommit() {
        try (WireClient a = admin(0); WireClient b = admin(1)) {
            a.execute("CREATE TABLE txn_t (id INT PRIMARY KEY, v INT)");
            assertThat(only(a.call(new SetAutoCommit(false)))).isInstanceOf(Ok.class);
            assertThat(only(a.execute("INSERT INTO txn_t VALUES (1, 10), (2, 20)"))).isEqualTo(new UpdateCount(2));
            assertThat(rowsOf((RowBatch) b.execute("SELECT count(*) FROM txn_t").get(1))).containsExactly(List.of(0L));
            assertThat(only(a.call(new Commit()))).isInstanceOf(Ok.class);
            assertThat(rowsOf((RowBatch) b.execute("SELECT count(*) FROM txn_t").get(1))).containsExactly(List.of(2L));

            a.execute("DELETE FROM txn_t");
            assertThat(only(a.call(new Rollback()))).isInstanceOf(Ok.class);
            assertThat(rowsOf((RowBatch) b.execute("SELECT count(*) FROM txn_t").get(1))).containsExactly(List.of(2L));
            assertThat(only(a.call(new SetIsolation(Connection.TRANSACTION_SERIALIZABLE)))).isInstanceOf(Ok.class);
            assertThat(only(a.call(new SetIsolation(Connection.TRANSACTION_READ_COMMITTED)))).isInstanceOf(Ok.class);
        }
    }

    @Test
    void aCursorLimitRefusesOneMoreWith54000() {
        try (WireClient c = admin(0)) {
            c.execute("CREATE TABLE cur_t (id INT PRIMARY KEY)");
            c.execute("INSERT INTO cur_t VALUES (1), (2), (3)");
            List<Long> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                List<ServerMessage> r = c.call(new Execute(StatementRef.sql("SELECT id FROM cur_t"), List.of(), 1, 0, 0));
                open.add(((ResultHeader) r.get(0)).cursorId());
            }
            assertThat(error(c.call(new Execute(StatementRef.sql("SELECT id FROM cur_t"), List.of(), 1, 0, 0))).sqlState()).isEqualTo("54000");
            assertThat(only(c.call(new CloseCursor(open.get(0))))).isInstanceOf(Ok.class);
            assertThat(c.call(new Execute(StatementRef.sql("SELECT id FROM cur_t"), List.of(), 1, 0, 0)).get(0)).isInstanceOf(ResultHeader.class);
        }
    }

    /** A query that takes many seconds: a cross join counted row by row. */
    private static final String SLOW_QUERY = "SELECT count(*) FROM slow_t a, slow_t b, slow_t c, slow_t d";

    private static void createSlowTable(WireClient c) {
        c.execute("CREATE TABLE IF NOT EXISTS slow_t (id INT PRIMARY KEY)");
        List<List<Value>> sets = new ArrayList<>();
        for (int i = 0; i < 120; i++) sets.add(WireClient.values(i));
        c.call(new ExecuteBatch(StatementRef.sql("UPSERT INTO slow_t VALUES (?)"), sets, 0));
    }

    @Test
    void aStatementTimeoutEndsTheStatementWith57014AndTheSessionGoesOn() {
        try (WireClient c = admin(1)) {
            createSlowTable(c);
            long t0 = System.nanoTime();
            ErrorReply e = error(c.call(new Execute(StatementRef.sql(SLOW_QUERY), List.of(), 0, 0, 300)));
            assertThat(e.sqlState()).isEqualTo("57014");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(20_000);
            assertThat(only(c.call(new Ping()))).isInstanceOf(Pong.class);
        }
    }

    @Test
    void anotherConnectionCancelsTheRunningRequestWithTheSessionsSecret() {
        try (WireClient c = admin(2)) {
            createSlowTable(c);
            AuthOk auth = c.auth();
            int running = c.send(new Execute(StatementRef.sql(SLOW_QUERY), List.of(), 0, 0, 0));
            // A wrong secret does nothing (and answers Ok all the same).
            try (WireClient wrong = WireClient.connect("127.0.0.1", node(2).self().sqlPort())) {
                assertThat(only(wrong.call(new Cancel(auth.sessionId(), auth.cancelSecret() + 1, running)))).isInstanceOf(Ok.class);
                assertThat(wrong.awaitClosed()).isTrue();
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
                try (WireClient canceller = WireClient.connect("127.0.0.1", node(2).self().sqlPort())) {
                    canceller.call(new Cancel(auth.sessionId(), auth.cancelSecret(), running));
                }
                return c.answersOfIfAny(running, 500);
            });
            assertThat(c.lastAnswers()).last().isInstanceOfSatisfying(ErrorReply.class, e -> assertThat(e.sqlState()).isEqualTo("57014"));
            assertThat(only(c.call(new Ping()))).isInstanceOf(Pong.class);
        }
    }

    @Test
    void wrongPasswordsAndUnknownUsersGet28P01AndNoSession() {
        int port = node(0).self().sqlPort();
        try (WireClient c = WireClient.connect("127.0.0.1", port)) {
            ServerMessage answer = c.authenticate("admin", "not-the-password");
            assertThat(answer).isInstanceOfSatisfying(ErrorReply.class, e -> assertThat(e.sqlState()).isEqualTo("28P01"));
            assertThat(c.awaitClosed()).isTrue();
        }
        try (WireClient c = WireClient.connect("127.0.0.1", port)) {
            ServerMessage answer = c.authenticate("nobody", "whatever");
            assertThat(answer).isInstanceOfSatisfying(ErrorReply.class, e -> {
                assertThat(e.sqlState()).isEqualTo("28P01");
                assertThat(e.message()).isEqualTo("password authentication failed for user \"nobody\"");
            });
        }
        // A request before authentication is a protocol error that closes the connection.
        try (WireClient c = WireClient.connect("127.0.0.1", port)) {
            List<ServerMessage> r = c.execute("SELECT 1");
            assertThat(r).singleElement().isInstanceOfSatisfying(ErrorReply.class, e -> assertThat(e.sqlState()).isEqualTo("08P01"));
            assertThat(c.awaitClosed()).isTrue();
        }
    }

    @Test
    void usersAreCreatedAlteredAndDroppedBySqlAndLogInAtAnyNode() {
        try (WireClient c = admin(0)) {
            assertThat(only(c.execute("CREATE USER bob PASSWORD 'first-pass'"))).isInstanceOf(Done.class);
            assertThat(error(c.execute("CREATE USER bob PASSWORD 'again-pass'")).sqlState()).isEqualTo("42710");
            assertThat(only(c.execute("CREATE USER IF NOT EXISTS bob PASSWORD 'again-pass'"))).isInstanceOf(Done.class);
            assertThat(error(c.execute("DROP USER admin")).sqlState()).isEqualTo("55006");
            assertThat(error(c.execute("ALTER USER nobody PASSWORD 'whatever-pass'")).sqlState()).isEqualTo("42704");
        }
        try (WireClient bob = WireClient.login("127.0.0.1", node(2).self().sqlPort(), "bob", "first-pass")) {
            assertThat(only(bob.execute("ALTER USER bob PASSWORD 'second-pass'"))).isInstanceOf(Done.class);
        }
        try (WireClient old = WireClient.connect("127.0.0.1", node(1).self().sqlPort())) {
            assertThat(old.authenticate("bob", "first-pass")).isInstanceOf(ErrorReply.class);
        }
        WireClient.login("127.0.0.1", node(1).self().sqlPort(), "bob", "second-pass").close();
        try (WireClient c = admin(1)) {
            assertThat(only(c.execute("DROP USER bob"))).isInstanceOf(Done.class);
            assertThat(error(c.execute("DROP USER bob")).sqlState()).isEqualTo("42704");
            assertThat(only(c.execute("DROP USER IF EXISTS bob"))).isInstanceOf(Done.class);
        }
        try (WireClient gone = WireClient.connect("127.0.0.1", node(0).self().sqlPort())) {
            assertThat(gone.authenticate("bob", "second-pass")).isInstanceOf(ErrorReply.class);
        }
    }

    @Test
    void malformedTruncatedAndOversizedFramesCloseOnlyTheirOwnConnection() {
        int port = node(1).self().sqlPort();
        Random random = new Random(42);
        try (WireClient good = admin(1)) {
            good.execute("CREATE TABLE fuzz_t (id INT PRIMARY KEY)");
            for (int round = 0; round < 200; round++) {
                try (WireClient bad = WireClient.connect("127.0.0.1", port)) {
                    if (round % 2 == 1) bad.authenticate("admin", MiniCluster.ADMIN_PASSWORD); // fuzz after login too
                    bad.sendRaw(fuzzFrame(random, round));
                    // Either the server closes the connection (a protocol error) or it waits for the rest of a
                    // frame that never comes; closing from this side then is all that happens.
                    if (round % 10 == 0) assertThat(bad.awaitClosed()).isTrue();
                }
                if (round % 20 == 0) {
                    assertThat(only(good.execute("INSERT INTO fuzz_t VALUES (?)", round))).isEqualTo(new UpdateCount(1));
                }
            }
            assertThat(rowsOf((RowBatch) good.execute("SELECT count(*) FROM fuzz_t").get(1))).containsExactly(List.of(10L));
        }
        try (WireClient after = admin(1)) {
            assertThat(only(after.call(new Ping()))).isInstanceOf(Pong.class);
        }
    }

    /** Random bytes, a frame with a random body, a length above the limit, or a truncated valid header; every 10th closes for sure. */
    private static byte[] fuzzFrame(Random random, int round) {
        if (round % 10 == 0) return ByteBuffer.allocate(9).putInt(Integer.MAX_VALUE).put((byte) 3).putInt(1).array(); // oversized
        switch (random.nextInt(3)) {
            case 0 -> {
                byte[] b = new byte[1 + random.nextInt(64)];
                random.nextBytes(b);
                return b;
            }
            case 1 -> {
                byte[] body = new byte[random.nextInt(40)];
                random.nextBytes(body);
                return ByteBuffer.allocate(9 + body.length).putInt(5 + body.length).put((byte) (1 + random.nextInt(0x10)))
                        .putInt(7).put(body).array();
            }
            default -> {
                return ByteBuffer.allocate(6).putInt(100).put((byte) 3).put((byte) 0).array(); // truncated
            }
        }
    }

    @Test
    void aThousandIdleConnectionsHoldNoThreads() {
        int port = node(0).self().sqlPort();
        int before = Thread.activeCount();
        List<WireClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                WireClient c = WireClient.connect("127.0.0.1", port);
                clients.add(c);
                if (i % 100 == 0) assertThat(c.authenticate("admin", MiniCluster.ADMIN_PASSWORD)).isInstanceOf(AuthOk.class);
            }
            assertThat(Thread.activeCount() - before).isLessThan(100);
            try (WireClient c = admin(0)) {
                assertThat(only(c.call(new Ping()))).isInstanceOf(Pong.class);
            }
        } finally {
            clients.forEach(WireClient::close);
        }
    }
}
