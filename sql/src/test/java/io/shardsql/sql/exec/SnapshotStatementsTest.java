package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * SNAPSHOT, SHOW SNAPSHOTS, DROP SNAPSHOT and {@code sys.snapshots} through an in-memory stand-in for
 * the node's snapshot service: the rows and their types, 25001 inside a transaction block (the service
 * untouched), the service's SQLStates passed through, and 0A000 on an engine without snapshots.
 */
@Timeout(60)
class SnapshotStatementsTest {
    private static final Instant T0 = Instant.parse("2024-06-01T10:00:00.250Z");

    /** Keeps what it is asked and answers from a list; {@code failWith} makes every command fail. */
    private static final class StandIn implements SnapshotCommands {
        final List<String> calls = new ArrayList<>();
        final List<Listed> snapshots = new ArrayList<>(List.of(
                new Listed("nightly", "n1", "/backups/nightly", "COMPLETE", null, 3, 1_000_042, 5, 5, 4096, 17L,
                        T0, T0.plusMillis(1500)),
                new Listed("broken", "n2", "/backups/broken", "FAILED", "disk full", 4, 2_000_000, 2, 5, 100, null,
                        T0.plusSeconds(60), T0.plusSeconds(61)),
                new Listed("now", "n1", "/backups/now", "RUNNING", null, 5, 3_000_000, 1, 5, 10, null,
                        T0.plusSeconds(120), null)));
        ShardSqlException failWith;

        @Override
        public Taken take(Optional<String> name) {
            calls.add("take " + name.orElse("-"));
            if (failWith != null) throw failWith;
            return new Taken(name.orElse("epoch-6"), "/backups/" + name.orElse("epoch-6"), 6, 4_000_000, 5, 17,
                    8192, 1234);
        }

        @Override
        public List<Listed> list() {
            calls.add("list");
            if (failWith != null) throw failWith;
            return snapshots;
        }

        @Override
        public void drop(String name) {
            calls.add("drop " + name);
            if (failWith != null) throw failWith;
        }
    }

    private final StubTransactions txns = new StubTransactions();
    private final StandIn standIn = new StandIn();
    private final Session session = StubTransactions.engine(txns).withSnapshots(standIn).openSession();

    private static List<Object[]> rows(StatementResult r) {
        assertThat(r).isInstanceOf(StatementResult.Rows.class);
        return ((StatementResult.Rows) r).cursor().toList();
    }

    private static List<String> columnNames(StatementResult r) {
        return ((StatementResult.Rows) r).columns().stream().map(ResultColumn::name).toList();
    }

    private ShardSqlException failure(String sql) {
        ShardSqlException e = catchThrowableOfType(ShardSqlException.class, () -> session.execute(sql));
        assertThat(e).as("%s fails", sql).isNotNull();
        return e;
    }

    @Test
    void snapshotReturnsOneRowDescribingTheBackup() {
        StatementResult r = session.execute("SNAPSHOT TO 'nightly'");
        assertThat(columnNames(r)).containsExactly("name", "directory", "epoch", "cut_ts", "shards", "rows", "bytes",
                "duration_ms");
        assertThat(((StatementResult.Rows) r).columns()).extracting(ResultColumn::jdbcType).containsExactly(
                Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.BIGINT, Types.INTEGER, Types.BIGINT, Types.BIGINT,
                Types.BIGINT);
        assertThat(rows(r)).containsExactly(new Object[] {"nightly", "/backups/nightly", 6L, 4_000_000L, 5, 17L,
                8192L, 1234L});
        assertThat(rows(session.execute("snapshot"))).extracting(row -> row[0]).containsExactly("epoch-6");
        assertThat(standIn.calls).containsExactly("take nightly", "take -");
        assertThat(txns.begun).as("a snapshot is no transaction of the session").hasValue(0);
    }

    @Test
    void showSnapshotsListsEverySnapshotWithItsStateProgressAndTimes() {
        StatementResult r = session.execute("SHOW SNAPSHOTS");
        assertThat(columnNames(r)).containsExactly("name", "node", "directory", "state", "error", "epoch", "cut_ts",
                "parts_done", "parts_total", "bytes", "rows", "started", "ended");
        List<ResultColumn> columns = ((StatementResult.Rows) r).columns();
        assertThat(columns.get(11).jdbcType()).isEqualTo(Types.TIMESTAMP);
        assertThat(columns.get(12).nullable()).isTrue();
        assertThat(columns.get(0).nullable()).isFalse();
        List<Object[]> rows = rows(r);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsExactly("nightly", "n1", "/backups/nightly", "COMPLETE", null, 3L, 1_000_042L,
                5, 5, 4096L, 17L, LocalDateTime.parse("2024-06-01T10:00:00.250"),
                LocalDateTime.parse("2024-06-01T10:00:01.750"));
        assertThat(rows.get(1)).contains("FAILED", "disk full");
        assertThat(rows.get(2)[3]).isEqualTo("RUNNING");
        assertThat(rows.get(2)[10]).as("rows unknown until complete").isNull();
        assertThat(rows.get(2)[12]).as("not ended").isNull();
    }

    @Test
    void dropSnapshotRemovesItAndReturnsNoRows() {
        assertThat(session.execute("DROP SNAPSHOT 'nightly'")).isEqualTo(new StatementResult.Done("DROP SNAPSHOT"));
        assertThat(standIn.calls).containsExactly("drop nightly");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SNAPSHOT", "SNAPSHOT TO 'x'", "SHOW SNAPSHOTS", "DROP SNAPSHOT 'x'"})
    void refusedInsideATransactionBlockChangingNothing(String sql) {
        session.execute("BEGIN");
        ShardSqlException e = failure(sql);
        assertThat(e.code()).isEqualTo(ErrorCode.ACTIVE_SQL_TRANSACTION);
        assertThat(e.code().sqlState()).isEqualTo("25001");
        assertThat(e.getMessage()).contains("cannot run inside a transaction block");
        assertThat(standIn.calls).isEmpty();
        // As any error in a block: the block is aborted until ROLLBACK.
        assertThat(failure("SHOW SNAPSHOTS").code().sqlState()).isEqualTo("25P02");
        session.execute("ROLLBACK");
        assertThat(rows(session.execute("SHOW SNAPSHOTS"))).hasSize(3);
    }

    @Test
    void refusedWithAutocommitOffToo() {
        session.setAutoCommit(false);
        assertThat(failure("SNAPSHOT").code().sqlState()).isEqualTo("25001");
        session.rollbackTransaction();
        session.setAutoCommit(true);
        assertThat(rows(session.execute("SNAPSHOT"))).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"INVALID_BACKUP_NAME", "DUPLICATE_OBJECT", "OBJECT_IN_USE",
            "UNDEFINED_OBJECT"})
    void errorsOfTheServiceKeepTheirSqlState(ErrorCode code) {
        standIn.failWith = new ShardSqlException(code, "no: " + code);
        for (String sql : List.of("SNAPSHOT TO '../x'", "DROP SNAPSHOT 'x'", "SHOW SNAPSHOTS")) {
            ShardSqlException e = failure(sql);
            assertThat(e.code()).as(sql).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo("no: " + code);
        }
    }

    @Test
    void anEngineWithoutSnapshotsRefusesWith0A000AndHasNoneToShow() {
        Session plain = StubTransactions.engine(new StubTransactions()).openSession();
        for (String sql : List.of("SNAPSHOT", "SNAPSHOT TO 'x'", "DROP SNAPSHOT 'x'")) {
            ShardSqlException e = catchThrowableOfType(ShardSqlException.class, () -> plain.execute(sql));
            assertThat(e.code().sqlState()).as(sql).isEqualTo("0A000");
            assertThat(e.getMessage()).isEqualTo("snapshots are not available on this engine");
        }
        assertThat(rows(plain.execute("SHOW SNAPSHOTS"))).isEmpty();
        assertThat(rows(plain.execute("SELECT count(*) FROM sys.snapshots"))).containsExactly(new Object[] {0L});
    }

    @Test
    void sysSnapshotsHasTheColumnsAndRowsOfShowSnapshots() {
        StatementResult all = session.execute("SELECT * FROM sys.snapshots");
        assertThat(columnNames(all)).isEqualTo(columnNames(session.execute("SHOW SNAPSHOTS")));
        List<Object[]> rows = rows(all);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsExactly(rows(session.execute("SHOW SNAPSHOTS")).get(0));
        assertThat(rows(session.execute(
                "SELECT name, error FROM sys.snapshots WHERE state = 'FAILED'")))
                .hasSize(1).first().satisfies(row -> assertThat(row).containsExactly("broken", "disk full"));
        assertThat(rows(session.execute("SELECT name FROM sys.snapshots WHERE ended IS NULL")))
                .containsExactly(new Object[] {"now"});
        assertThat(rows(session.execute(
                "SELECT name FROM sys.snapshots WHERE started >= TIMESTAMP '2024-06-01 10:01:00' ORDER BY epoch")))
                .containsExactly(new Object[] {"broken"}, new Object[] {"now"});
    }
}
