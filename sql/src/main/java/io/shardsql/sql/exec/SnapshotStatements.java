package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.calcite.ShardTypeSystem;
import io.shardsql.sql.parser.SqlDropSnapshot;
import io.shardsql.sql.parser.SqlShowSnapshots;
import io.shardsql.sql.parser.SqlSnapshotBackup;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code SNAPSHOT}, {@code SHOW SNAPSHOTS} and {@code DROP SNAPSHOT}, run through {@link SnapshotCommands};
 * also the columns and rows {@code sys.snapshots} shares with SHOW SNAPSHOTS. None of them runs inside a
 * transaction block (25001): a snapshot is not part of a transaction and cannot be rolled back.
 *
 * <pre>
 * SNAPSHOT [TO 'name']   one row: name, directory, epoch, cut_ts, shards, rows, bytes, duration_ms
 * SHOW SNAPSHOTS         a row per snapshot: {@link #LISTED}
 * DROP SNAPSHOT 'name'   no rows (command tag DROP SNAPSHOT, an update count of 0 to JDBC)
 * </pre>
 */
final class SnapshotStatements {
    /** A result column: its name, SQL type and whether it may be NULL. */
    record Column(String name, SqlTypeName type, boolean nullable) {}

    /** The columns of SNAPSHOT's one row. */
    static final List<Column> TAKEN = List.of(
            new Column("name", SqlTypeName.VARCHAR, false), new Column("directory", SqlTypeName.VARCHAR, false),
            new Column("epoch", SqlTypeName.BIGINT, false), new Column("cut_ts", SqlTypeName.BIGINT, false),
            new Column("shards", SqlTypeName.INTEGER, false), new Column("rows", SqlTypeName.BIGINT, false),
            new Column("bytes", SqlTypeName.BIGINT, false), new Column("duration_ms", SqlTypeName.BIGINT, false));

    /** The columns of SHOW SNAPSHOTS and {@code sys.snapshots}. */
    static final List<Column> LISTED = List.of(
            new Column("name", SqlTypeName.VARCHAR, false), new Column("node", SqlTypeName.VARCHAR, false),
            new Column("directory", SqlTypeName.VARCHAR, false), new Column("state", SqlTypeName.VARCHAR, false),
            new Column("error", SqlTypeName.VARCHAR, true), new Column("epoch", SqlTypeName.BIGINT, false),
            new Column("cut_ts", SqlTypeName.BIGINT, false), new Column("parts_done", SqlTypeName.INTEGER, false),
            new Column("parts_total", SqlTypeName.INTEGER, false), new Column("bytes", SqlTypeName.BIGINT, false),
            new Column("rows", SqlTypeName.BIGINT, true), new Column("started", SqlTypeName.TIMESTAMP, false),
            new Column("ended", SqlTypeName.TIMESTAMP, true));

    private static final JavaTypeFactoryImpl TYPES = new JavaTypeFactoryImpl(ShardTypeSystem.INSTANCE);
    private static final RelDataType TAKEN_ROW = rowType(TYPES, TAKEN);
    private static final RelDataType LISTED_ROW = rowType(TYPES, LISTED);

    private SnapshotStatements() {}

    /** Whether {@code node} is one of the statements {@link #run} runs. */
    static boolean handles(SqlNode node) {
        return node instanceof SqlSnapshotBackup || node instanceof SqlShowSnapshots
                || node instanceof SqlDropSnapshot;
    }

    /** Runs {@code node}; {@code inBlock} says whether the session has a transaction block open (then 25001). */
    static StatementResult run(SqlNode node, SnapshotCommands snapshots, boolean inBlock) {
        if (inBlock) {
            throw new ShardSqlException(ErrorCode.ACTIVE_SQL_TRANSACTION,
                    statementName(node) + " cannot run inside a transaction block");
        }
        if (node instanceof SqlSnapshotBackup take) {
            SnapshotCommands.Taken t = snapshots.take(Optional.ofNullable(take.name()));
            return rows(TAKEN_ROW, List.<Object[]>of(new Object[] {t.name(), t.directory(), t.epoch(), t.cutTs(),
                    t.shards(), t.rows(), t.bytes(), t.durationMillis()}));
        }
        if (node instanceof SqlShowSnapshots) {
            return rows(LISTED_ROW, snapshots.list().stream().map(SnapshotStatements::row).toList());
        }
        snapshots.drop(((SqlDropSnapshot) node).name());
        return new StatementResult.Done("DROP SNAPSHOT");
    }

    /** A snapshot as a row of {@link #LISTED}, in Calcite's internal values (a TIMESTAMP is epoch millis, UTC). */
    static Object[] row(SnapshotCommands.Listed s) {
        return new Object[] {s.name(), s.node(), s.directory(), s.state(), s.error(), s.epoch(), s.cutTs(),
                s.partsDone(), s.partsTotal(), s.bytes(), s.rows(), millis(s.started()), millis(s.ended())};
    }

    /** The row type of {@code columns}; a TIMESTAMP has milliseconds, as table columns do. */
    static RelDataType rowType(RelDataTypeFactory f, List<Column> columns) {
        RelDataTypeFactory.Builder b = f.builder();
        for (Column c : columns) {
            RelDataType type = c.type() == SqlTypeName.TIMESTAMP ? f.createSqlType(c.type(), 3)
                    : f.createSqlType(c.type());
            b.add(c.name(), f.createTypeWithNullability(type, c.nullable()));
        }
        return b.build();
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static StatementResult.Rows rows(RelDataType rowType, List<Object[]> rows) {
        RowCursor cursor = new RowCursor(Linq4j.enumerator(rows), rowType, () -> { }, () -> { });
        return new StatementResult.Rows(rowType.getFieldList().stream().map(ResultColumn::of).toList(), cursor);
    }

    private static String statementName(SqlNode node) {
        if (node instanceof SqlShowSnapshots) return "SHOW SNAPSHOTS";
        if (node instanceof SqlDropSnapshot) return "DROP SNAPSHOT";
        return "SNAPSHOT";
    }
}
