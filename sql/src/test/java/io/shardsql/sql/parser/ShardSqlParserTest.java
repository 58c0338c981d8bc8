package io.shardsql.sql.parser;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSetOption;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every statement of our grammar parses into the right node with the right fields, and unparses to SQL
 * that parses back to an equal tree; Calcite's own SQL still parses; names fold like PostgreSQL's; bad
 * SQL fails with 42601 at the right place.
 */
@Timeout(60)
class ShardSqlParserTest {

    /** Parses, checks the node's class, and checks the round trip; returns the node first parsed. */
    private static <T extends SqlNode> T parse(String sql, Class<T> type) {
        SqlNode node = ShardSqlParser.parse(sql);
        assertThat(node).isExactlyInstanceOf(type);
        assertRoundTrip(node);
        return type.cast(node);
    }

    /** unparse → parse gives an equal tree, and unparsing that gives the same text again. */
    private static void assertRoundTrip(SqlNode node) {
        String sql = ShardSqlParser.unparse(node);
        SqlNode again = ShardSqlParser.parse(sql);
        assertThat(again.equalsDeep(node, Litmus.IGNORE))
                .as("%s%n  parses back to an equal tree; got%n%s", sql, ShardSqlParser.unparse(again))
                .isTrue();
        assertThat(ShardSqlParser.unparse(again)).isEqualTo(sql);
    }

    private static SqlSyntaxException syntaxError(String sql) {
        SqlSyntaxException e = catchThrowableOfType(SqlSyntaxException.class, () -> ShardSqlParser.parse(sql));
        assertThat(e).as("%s fails to parse", sql).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR);
        assertThat(e.code().sqlState()).isEqualTo("42601");
        return e;
    }

    private static void assertSyntaxError(String sql, int line, int column, String messagePart) {
        SqlSyntaxException e = syntaxError(sql);
        assertThat(e.line()).as("line of: %s", e.getMessage()).isEqualTo(line);
        assertThat(e.column()).as("column of: %s", e.getMessage()).isEqualTo(column);
        assertThat(e.getMessage()).startsWith("Syntax error at line " + line + ", column " + column + ": ")
                .contains(messagePart);
    }

    private static List<String> names(List<? extends SqlNode> identifiers) {
        return identifiers.stream().map(SqlNode::toString).toList();
    }

    @Nested
    class CreateTable {
        @Test
        void columnLevelPrimaryKey() {
            SqlCreateTable t = parse("CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner TEXT NOT NULL, "
                    + "balance DECIMAL(12, 2) DEFAULT 0, note VARCHAR(200) NULL)", SqlCreateTable.class);
            assertThat(t.name().getSimple()).isEqualTo("accounts");
            assertThat(t.ifNotExists()).isFalse();
            assertThat(t.getKind()).isEqualTo(SqlKind.CREATE_TABLE);
            assertThat(t.columns()).extracting(SqlColumnDef::simpleName)
                    .containsExactly("id", "owner", "balance", "note");
            assertThat(names(t.primaryKey())).containsExactly("id");
            assertThat(t.primaryKeyName()).isNull();

            SqlColumnDef id = t.columns().get(0);
            assertThat(id.primaryKey()).isTrue();
            assertThat(id.notNull()).isFalse();
            SqlColumnDef owner = t.columns().get(1);
            assertThat(owner.notNull()).isTrue();
            assertThat(owner.primaryKey()).isFalse();
            assertType(owner.type(), SqlTypeName.VARCHAR, -1, -1);
            SqlColumnDef balance = t.columns().get(2);
            assertType(balance.type(), SqlTypeName.DECIMAL, 12, 2);
            assertThat(((SqlLiteral) balance.defaultValue()).intValue(true)).isZero();
            assertThat(t.columns().get(3).notNull()).isFalse();
            assertThat(t.columns().get(3).defaultValue()).isNull();
        }

        @Test
        void tableLevelCompositeKeyWithConstraintName() {
            SqlCreateTable t = parse("create table if not exists shop.order_lines (order_id int, line int, "
                    + "qty int not null default 1, constraint order_lines_pk primary key (order_id, line))",
                    SqlCreateTable.class);
            assertThat(t.name().names).containsExactly("shop", "order_lines");
            assertThat(t.ifNotExists()).isTrue();
            assertThat(names(t.primaryKey())).containsExactly("order_id", "line");
            assertThat(t.primaryKeyName().getSimple()).isEqualTo("order_lines_pk");
            assertThat(t.columns()).noneMatch(SqlColumnDef::primaryKey);
        }

        @Test
        void keyColumnsComeInKeyOrderNotColumnOrder() {
            SqlCreateTable t = parse("CREATE TABLE t (a INT, b INT, PRIMARY KEY (b, a))", SqlCreateTable.class);
            assertThat(names(t.primaryKey())).containsExactly("b", "a");
        }

        @Test
        void columnOptionsInAnyOrder() {
            SqlCreateTable t = parse("CREATE TABLE t (k INT DEFAULT 7 NOT NULL PRIMARY KEY, "
                    + "v TIMESTAMP DEFAULT CURRENT_TIMESTAMP)", SqlCreateTable.class);
            SqlColumnDef k = t.columns().get(0);
            assertThat(k.notNull()).isTrue();
            assertThat(k.primaryKey()).isTrue();
            assertThat(k.defaultValue()).hasToString("7");
            assertThat(ShardSqlParser.unparse(t.columns().get(1).defaultValue())).isEqualTo("CURRENT_TIMESTAMP");
        }

        @Test
        void tableWithoutPrimaryKeyParses() {
            SqlCreateTable t = parse("CREATE TABLE log (logged TIMESTAMP, line TEXT)", SqlCreateTable.class);
            assertThat(t.primaryKey()).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                BOOLEAN          | BOOLEAN   | -1 | -1
                SMALLINT         | SMALLINT  | -1 | -1
                INTEGER          | INTEGER   | -1 | -1
                INT              | INTEGER   | -1 | -1
                BIGINT           | BIGINT    | -1 | -1
                DECIMAL(10, 2)   | DECIMAL   | 10 |  2
                DECIMAL(5)       | DECIMAL   |  5 | -1
                NUMERIC(8, 3)    | DECIMAL   |  8 |  3
                NUMERIC          | DECIMAL   | -1 | -1
                REAL             | REAL      | -1 | -1
                DOUBLE           | DOUBLE    | -1 | -1
                DOUBLE PRECISION | DOUBLE    | -1 | -1
                VARCHAR(40)      | VARCHAR   | 40 | -1
                CHAR(3)          | CHAR      |  3 | -1
                TEXT             | VARCHAR   | -1 | -1
                VARBINARY        | VARBINARY | -1 | -1
                VARBINARY(16)    | VARBINARY | 16 | -1
                BYTEA            | VARBINARY | -1 | -1
                DATE             | DATE      | -1 | -1
                TIME             | TIME      | -1 | -1
                TIMESTAMP        | TIMESTAMP | -1 | -1
                """)
        void columnTypes(String written, SqlTypeName type, int precision, int scale) {
            SqlCreateTable t = parse("CREATE TABLE t (c " + written + ")", SqlCreateTable.class);
            assertType(t.columns().get(0).type(), type, precision, scale);
        }

        @Test
        void keywordsOfOurGrammarStayUsableAsNames() {
            SqlCreateTable t = parse("CREATE TABLE if (text TEXT, password VARCHAR(10), index INT, snapshot INT, "
                    + "\"do\" INT, nothing INT, conflict INT, bytea BYTEA, key INT PRIMARY KEY)", SqlCreateTable.class);
            assertThat(t.name().getSimple()).isEqualTo("if");
            assertThat(t.columns()).extracting(SqlColumnDef::simpleName).containsExactly(
                    "text", "password", "index", "snapshot", "do", "nothing", "conflict", "bytea", "key");
            assertThat(ShardSqlParser.unparse(t)).startsWith("CREATE TABLE if (text VARCHAR, password VARCHAR(10), ")
                    .endsWith("key INTEGER PRIMARY KEY)");
        }

        @Test
        void mistakesTheStatementShowsAreSyntaxErrorsWithPositions() {
            assertSyntaxError("CREATE TABLE t (a INT PRIMARY KEY,\n  b INT PRIMARY KEY)", 2, 3,
                    "multiple primary keys for table \"t\" are not allowed");
            assertSyntaxError("CREATE TABLE t (a INT PRIMARY KEY, b INT, PRIMARY KEY (b))", 1, 43,
                    "multiple primary keys");
            assertSyntaxError("CREATE TABLE t (a INT, b INT, a TEXT)", 1, 31, "column \"a\" specified more than once");
            assertSyntaxError("CREATE TABLE t (a INT, PRIMARY KEY (a, c))", 1, 40,
                    "column \"c\" named in key does not exist");
            assertSyntaxError("CREATE TABLE t (a INT, PRIMARY KEY (a, a))", 1, 40, "appears twice in primary key");
            assertSyntaxError("CREATE TABLE t (a INT NULL PRIMARY KEY)", 1, 17, "conflicting NULL/NOT NULL");
            assertSyntaxError("CREATE TABLE t (a INT NOT NULL NULL)", 1, 32, "conflicting NULL/NOT NULL");
            assertSyntaxError("CREATE TABLE t (a INT DEFAULT 1 DEFAULT 2)", 1, 33, "multiple default values");
            assertSyntaxError("CREATE OR REPLACE TABLE t (a INT)", 1, 1, "CREATE OR REPLACE TABLE is not supported");
            assertSyntaxError("CREATE TABLE t ()", 1, 17, "Encountered \")\"");
        }
    }

    private static void assertType(SqlDataTypeSpec spec, SqlTypeName type, int precision, int scale) {
        assertThat(spec.getTypeNameSpec()).isInstanceOf(SqlBasicTypeNameSpec.class);
        SqlBasicTypeNameSpec basic = (SqlBasicTypeNameSpec) spec.getTypeNameSpec();
        assertThat(SqlTypeName.get(basic.getTypeName().getSimple())).isEqualTo(type);
        assertThat(basic.getPrecision()).isEqualTo(precision);
        assertThat(basic.getScale()).isEqualTo(scale == -1 ? RelDataType.SCALE_NOT_SPECIFIED : scale);
    }

    @Nested
    class OtherDdl {
        @Test
        void dropTable() {
            SqlDropTable d = parse("DROP TABLE IF EXISTS shop.orders", SqlDropTable.class);
            assertThat(d.ifExists()).isTrue();
            assertThat(d.name().names).containsExactly("shop", "orders");
            assertThat(d.getKind()).isEqualTo(SqlKind.DROP_TABLE);
            assertThat(parse("drop table orders", SqlDropTable.class).ifExists()).isFalse();
        }

        @Test
        void createIndex() {
            SqlCreateIndex i = parse("CREATE UNIQUE INDEX IF NOT EXISTS by_email ON users (email, tenant)",
                    SqlCreateIndex.class);
            assertThat(i.unique()).isTrue();
            assertThat(i.ifNotExists()).isTrue();
            assertThat(i.name().getSimple()).isEqualTo("by_email");
            assertThat(i.table().getSimple()).isEqualTo("users");
            assertThat(names(i.columns().getList())).containsExactly("email", "tenant");
            assertThat(i.getKind()).isEqualTo(SqlKind.CREATE_INDEX);

            SqlCreateIndex plain = parse("CREATE INDEX by_name ON users (name)", SqlCreateIndex.class);
            assertThat(plain.unique()).isFalse();
            assertThat(plain.ifNotExists()).isFalse();
        }

        @Test
        void createIndexWithoutANameLeavesTheNameToTheCatalog() {
            SqlCreateIndex i = parse("CREATE INDEX ON users (name)", SqlCreateIndex.class);
            assertThat(i.name()).isNull();
            assertThat(names(i.columns().getList())).containsExactly("name");
        }

        @Test
        void dropIndex() {
            SqlDropIndex d = parse("DROP INDEX IF EXISTS by_email", SqlDropIndex.class);
            assertThat(d.ifExists()).isTrue();
            assertThat(d.name().getSimple()).isEqualTo("by_email");
            assertThat(d.getKind()).isEqualTo(SqlKind.DROP_INDEX);
            assertThat(parse("DROP INDEX by_email", SqlDropIndex.class).ifExists()).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"ALTER TABLE t ADD COLUMN c VARCHAR(10) NOT NULL DEFAULT 'x'",
                "ALTER TABLE t ADD c VARCHAR(10) NOT NULL DEFAULT 'x'"})
        void alterTableAddColumn(String sql) {
            SqlAlterTableAddColumn a = parse(sql, SqlAlterTableAddColumn.class);
            assertThat(a.table().getSimple()).isEqualTo("t");
            assertThat(a.ifNotExists()).isFalse();
            assertThat(a.column().simpleName()).isEqualTo("c");
            assertThat(a.column().notNull()).isTrue();
            assertType(a.column().type(), SqlTypeName.VARCHAR, 10, -1);
            assertThat(a.getKind()).isEqualTo(SqlKind.ALTER_TABLE);
            assertThat(parse("ALTER TABLE t ADD COLUMN IF NOT EXISTS c INT", SqlAlterTableAddColumn.class)
                    .ifNotExists()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"ALTER TABLE s.t DROP COLUMN c", "ALTER TABLE s.t DROP c"})
        void alterTableDropColumn(String sql) {
            SqlAlterTableDropColumn d = parse(sql, SqlAlterTableDropColumn.class);
            assertThat(d.table().names).containsExactly("s", "t");
            assertThat(d.column().getSimple()).isEqualTo("c");
            assertThat(d.ifExists()).isFalse();
            assertThat(parse("ALTER TABLE t DROP COLUMN IF EXISTS c", SqlAlterTableDropColumn.class).ifExists())
                    .isTrue();
        }
    }

    @Nested
    class ViewsTruncateRename {
        @Test
        void createView() {
            SqlCreateView v = parse("CREATE VIEW shop.big (id, total) AS SELECT id, total FROM orders WHERE total > 10",
                    SqlCreateView.class);
            assertThat(v.name().names).containsExactly("shop", "big");
            assertThat(names(v.columns().getList())).containsExactly("id", "total");
            assertThat(v.orReplace()).isFalse();
            assertThat(v.query()).isInstanceOf(SqlSelect.class);
            assertThat(v.getKind()).isEqualTo(SqlKind.CREATE_VIEW);

            SqlCreateView r = parse("create or replace view v as select * from t order by a limit 3",
                    SqlCreateView.class);
            assertThat(r.orReplace()).isTrue();
            assertThat(r.columns()).isNull();
            assertThat(r.query()).isInstanceOf(SqlOrderBy.class);
            parse("CREATE VIEW u AS SELECT a FROM t UNION SELECT b FROM s", SqlCreateView.class);
            parse("CREATE VIEW w AS VALUES (1, 'a')", SqlCreateView.class);
        }

        @Test
        void dropViewAndDropTableTakeCascadeOrRestrict() {
            SqlDropView d = parse("DROP VIEW IF EXISTS v CASCADE", SqlDropView.class);
            assertThat(d.ifExists()).isTrue();
            assertThat(d.cascade()).isTrue();
            assertThat(d.getKind()).isEqualTo(SqlKind.DROP_VIEW);
            assertThat(parse("DROP VIEW v RESTRICT", SqlDropView.class).cascade()).isFalse();
            assertThat(parse("DROP VIEW v", SqlDropView.class).cascade()).isFalse();
            assertThat(parse("DROP TABLE t CASCADE", SqlDropTable.class).cascade()).isTrue();
            assertThat(parse("DROP TABLE IF EXISTS t RESTRICT", SqlDropTable.class).cascade()).isFalse();
            assertThat(parse("DROP INDEX i", SqlDropIndex.class).cascade()).isFalse();
        }

        @Test
        void truncate() {
            SqlTruncateTable t = parse("TRUNCATE TABLE a, s.b RESTART IDENTITY", SqlTruncateTable.class);
            assertThat(names(t.tables().getList())).containsExactly("a", "s.b");
            assertThat(t.restartIdentity()).isTrue();
            assertThat(t.cascade()).isFalse();
            assertThat(t.getKind()).isEqualTo(SqlKind.TRUNCATE_TABLE);
            SqlTruncateTable plain = parse("truncate a continue identity restrict", SqlTruncateTable.class);
            assertThat(plain.restartIdentity()).isFalse();
            assertThat(parse("TRUNCATE a CASCADE", SqlTruncateTable.class).cascade()).isTrue();
            syntaxError("TRUNCATE");
            syntaxError("TRUNCATE TABLE a,");
        }

        @Test
        void renameTableAndColumn() {
            SqlAlterTableRename t = parse("ALTER TABLE s.t RENAME TO u", SqlAlterTableRename.class);
            assertThat(t.table().names).containsExactly("s", "t");
            assertThat(t.column()).isNull();
            assertThat(t.newName().getSimple()).isEqualTo("u");
            assertThat(t.getKind()).isEqualTo(SqlKind.ALTER_TABLE);
            SqlAlterTableRename c = parse("ALTER TABLE t RENAME COLUMN a TO \"B\"", SqlAlterTableRename.class);
            assertThat(c.column().getSimple()).isEqualTo("a");
            assertThat(c.newName().getSimple()).isEqualTo("B");
            assertThat(parse("alter table t rename a to b", SqlAlterTableRename.class).column().getSimple())
                    .isEqualTo("a");
            // "rename" stays usable as a name
            parse("CREATE TABLE rename (rename INT PRIMARY KEY)", SqlCreateTable.class);
            syntaxError("ALTER TABLE t RENAME a b");
        }
    }

    @Nested
    class Transactions {
        @ParameterizedTest
        @ValueSource(strings = {"BEGIN", "BEGIN TRANSACTION", "BEGIN WORK", "START TRANSACTION", "begin"})
        void beginWithoutModes(String sql) {
            SqlBeginOrSetTransaction b = parse(sql, SqlBeginOrSetTransaction.class);
            assertThat(b.verb()).isEqualTo(SqlBeginOrSetTransaction.Verb.BEGIN);
            assertThat(b.isolationLevel()).isNull();
            assertThat(b.accessMode()).isNull();
            assertThat(b).isInstanceOf(SqlTransactionControl.class);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                START TRANSACTION READ ONLY                                    | READ_ONLY  |
                START TRANSACTION READ WRITE                                   | READ_WRITE |
                START TRANSACTION ISOLATION LEVEL SERIALIZABLE                 |            | SERIALIZABLE
                START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY   | READ_ONLY  | REPEATABLE_READ
                START TRANSACTION READ WRITE, ISOLATION LEVEL READ COMMITTED   | READ_WRITE | READ_COMMITTED
                BEGIN ISOLATION LEVEL READ UNCOMMITTED READ ONLY               | READ_ONLY  | READ_UNCOMMITTED
                BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE                 |            | SERIALIZABLE
                """)
        void beginWithModes(String sql, AccessMode access, IsolationLevel isolation) {
            SqlBeginOrSetTransaction b = parse(sql, SqlBeginOrSetTransaction.class);
            assertThat(b.verb()).isEqualTo(SqlBeginOrSetTransaction.Verb.BEGIN);
            assertThat(b.accessMode()).isEqualTo(access);
            assertThat(b.isolationLevel()).isEqualTo(isolation);
        }

        @ParameterizedTest
        @ValueSource(strings = {"COMMIT", "COMMIT WORK", "COMMIT TRANSACTION", "commit"})
        void commit(String sql) {
            SqlCommitOrRollback c = parse(sql, SqlCommitOrRollback.class);
            assertThat(c.verb()).isEqualTo(SqlCommitOrRollback.Verb.COMMIT);
            assertThat(c.getKind()).isEqualTo(SqlKind.COMMIT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ROLLBACK", "ROLLBACK WORK", "ROLLBACK TRANSACTION"})
        void rollback(String sql) {
            SqlCommitOrRollback r = parse(sql, SqlCommitOrRollback.class);
            assertThat(r.verb()).isEqualTo(SqlCommitOrRollback.Verb.ROLLBACK);
            assertThat(r.getKind()).isEqualTo(SqlKind.ROLLBACK);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                SERIALIZABLE     | SERIALIZABLE
                REPEATABLE READ  | REPEATABLE_READ
                READ COMMITTED   | READ_COMMITTED
                READ UNCOMMITTED | READ_UNCOMMITTED
                """)
        void setTransactionIsolationLevel(String written, IsolationLevel level) {
            SqlBeginOrSetTransaction s = parse("SET TRANSACTION ISOLATION LEVEL " + written,
                    SqlBeginOrSetTransaction.class);
            assertThat(s.verb()).isEqualTo(SqlBeginOrSetTransaction.Verb.SET);
            assertThat(s.isolationLevel()).isEqualTo(level);
            assertThat(s.accessMode()).isNull();
        }

        @Test
        void setTransactionAccessMode() {
            assertThat(parse("SET TRANSACTION READ ONLY", SqlBeginOrSetTransaction.class).accessMode())
                    .isEqualTo(AccessMode.READ_ONLY);
            SqlBeginOrSetTransaction both = parse("SET TRANSACTION READ WRITE, ISOLATION LEVEL SERIALIZABLE",
                    SqlBeginOrSetTransaction.class);
            assertThat(both.accessMode()).isEqualTo(AccessMode.READ_WRITE);
            assertThat(both.isolationLevel()).isEqualTo(IsolationLevel.SERIALIZABLE);
        }

        @Test
        void setSessionCharacteristicsAndShow() {
            SqlBeginOrSetTransaction s = parse("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE",
                    SqlBeginOrSetTransaction.class);
            assertThat(s.verb()).isEqualTo(SqlBeginOrSetTransaction.Verb.SESSION);
            assertThat(s.isolationLevel()).isEqualTo(IsolationLevel.SERIALIZABLE);
            assertThat(parse("SHOW Transaction_Isolation", SqlShowSetting.class).name())
                    .isEqualTo("transaction_isolation");
            assertThat(parse("SHOW SNAPSHOTS", SqlShowSnapshots.class)).isNotNull();
        }

        @Test
        void calcitesSetOptionStillParses() {
            SqlSetOption set = parse("SET search_path = 'x'", SqlSetOption.class);
            assertThat(set.getName().getSimple()).isEqualTo("search_path");
        }

        @Test
        void modesMayNotRepeatOrBeMissing() {
            assertSyntaxError("SET TRANSACTION READ ONLY, READ WRITE", 1, 28,
                    "conflicting or redundant transaction modes");
            assertSyntaxError("BEGIN ISOLATION LEVEL SERIALIZABLE, ISOLATION LEVEL READ COMMITTED", 1, 37,
                    "ISOLATION LEVEL given twice");
            assertSyntaxError("SET TRANSACTION", 1, 15, "Encountered \"<EOF>\"");
            assertSyntaxError("START TRANSACTION ISOLATION LEVEL SOMETIMES", 1, 35, "Encountered \"SOMETIMES\"");
        }
    }

    @Nested
    class Snapshot {
        @Test
        void snapshotToAName() {
            SqlSnapshotBackup s = parse("SNAPSHOT TO 'nightly-2024-06-01'", SqlSnapshotBackup.class);
            assertThat(s.name()).isEqualTo("nightly-2024-06-01");
            assertThat(s.getKind()).isEqualTo(SqlKind.OTHER_DDL);
        }

        @Test
        void snapshotWithoutName() {
            assertThat(parse("snapshot", SqlSnapshotBackup.class).name()).isNull();
        }

        @Test
        void nameMustBeAString() {
            assertSyntaxError("SNAPSHOT TO backups", 1, 13, "Encountered \"backups\"");
            assertSyntaxError("DROP SNAPSHOT backups", 1, 15, "Encountered \"backups\"");
            assertSyntaxError("DROP SNAPSHOT", 1, 13, "Encountered \"<EOF>\"");
        }

        @Test
        void showSnapshots() {
            SqlShowSnapshots s = parse("show  Snapshots", SqlShowSnapshots.class);
            assertThat(s.getKind()).isEqualTo(SqlKind.OTHER);
            assertThat(ShardSqlParser.unparse(s)).isEqualTo("SHOW SNAPSHOTS");
            // Any other SHOW names a setting, as in PostgreSQL (SHOW TABLES is then 42704 when run, as there).
            assertThat(parse("SHOW TABLES", SqlShowSetting.class).name()).isEqualTo("tables");
        }

        @Test
        void dropSnapshot() {
            SqlDropSnapshot d = parse("DROP SNAPSHOT 'nightly'", SqlDropSnapshot.class);
            assertThat(d.name()).isEqualTo("nightly");
            assertThat(d.getKind()).isEqualTo(SqlKind.OTHER_DDL);
            assertThat(ShardSqlParser.unparse(d)).isEqualTo("DROP SNAPSHOT 'nightly'");
        }

        @Test
        void showSnapshotAndSnapshotsStayUsableAsNames() {
            SqlCreateTable t = parse("CREATE TABLE show (snapshots INT PRIMARY KEY, snapshot TEXT, show INT)",
                    SqlCreateTable.class);
            assertThat(t.name().getSimple()).isEqualTo("show");
            assertThat(t.columns()).extracting(SqlColumnDef::simpleName)
                    .containsExactly("snapshots", "snapshot", "show");
            assertThat(ShardSqlParser.unparse(t)).startsWith("CREATE TABLE show (snapshots INTEGER PRIMARY KEY");
            SqlNode select = ShardSqlParser.parse("SELECT show, snapshots FROM show AS snapshots WHERE show > 0");
            assertRoundTrip(select);
            assertThat(ShardSqlParser.unparse(select)).doesNotContain("\"");
            assertRoundTrip(ShardSqlParser.parse("DROP TABLE snapshots"));
        }
    }

    @Nested
    class Upsert {
        @Test
        void onConflictDoNothing() {
            SqlInsertOnConflict u = parse("INSERT INTO kv (k, v) VALUES (1, 'a'), (2, 'b') ON CONFLICT (k) DO NOTHING",
                    SqlInsertOnConflict.class);
            assertThat(u.action()).isEqualTo(SqlInsertOnConflict.Action.NOTHING);
            assertThat(names(u.conflictTarget().getList())).containsExactly("k");
            assertThat(u.updateColumns()).isEmpty();
            assertThat(u.condition()).isNull();
            assertThat(u.getKind()).isEqualTo(SqlKind.INSERT);
            assertThat(u.isUpsert()).isFalse();
            assertThat(u.getTargetTable()).hasToString("kv");
            assertThat(names(u.getTargetColumnList().getList())).containsExactly("k", "v");
            assertThat(u.getSource().getKind()).isEqualTo(SqlKind.VALUES);
        }

        @Test
        void onConflictDoNothingWithoutTarget() {
            SqlInsertOnConflict u = parse("INSERT INTO kv VALUES (1, 'a') ON CONFLICT DO NOTHING",
                    SqlInsertOnConflict.class);
            assertThat(u.conflictTarget()).isNull();
            assertThat(u.getTargetColumnList()).isNull();
        }

        @Test
        void onConflictDoUpdate() {
            SqlInsertOnConflict u = parse("INSERT INTO counters (name, n) VALUES ('hits', 1) "
                    + "ON CONFLICT (name) DO UPDATE SET n = counters.n + excluded.n, touched = CURRENT_TIMESTAMP "
                    + "WHERE counters.n < 1000", SqlInsertOnConflict.class);
            assertThat(u.action()).isEqualTo(SqlInsertOnConflict.Action.UPDATE);
            assertThat(names(u.conflictTarget().getList())).containsExactly("name");
            assertThat(names(u.updateColumns())).containsExactly("n", "touched");
            assertThat(ShardSqlParser.unparse(u.updateValues().get(0))).isEqualTo("counters.n + excluded.n");
            assertThat(u.condition().getKind()).isEqualTo(SqlKind.LESS_THAN);
        }

        @Test
        void onConflictAfterASelect() {
            SqlInsertOnConflict u = parse("INSERT INTO t SELECT a, b FROM s JOIN r ON s.id = r.id WHERE a > 0 "
                    + "ON CONFLICT (a) DO UPDATE SET b = excluded.b", SqlInsertOnConflict.class);
            assertThat(u.getSource().getKind()).isEqualTo(SqlKind.SELECT);
            assertThat(names(u.updateColumns())).containsExactly("b");
        }

        @Test
        void aJoinWithoutConditionNeedsItsQueryInParentheses() {
            String query = "SELECT * FROM a NATURAL JOIN b";
            syntaxError("INSERT INTO t " + query + " ON CONFLICT DO NOTHING");
            SqlInsertOnConflict u = parse("INSERT INTO t (" + query + ") ON CONFLICT DO NOTHING",
                    SqlInsertOnConflict.class);
            assertThat(ShardSqlParser.unparse(u)).contains("(SELECT * FROM a").doesNotContain("((")
                    .endsWith("JOIN b) ON CONFLICT DO NOTHING");
        }

        @Test
        void plainInsertAndCalcitesUpsertAreCalcitesNodes() {
            SqlInsert insert = parse("INSERT INTO t (a) VALUES (1)", SqlInsert.class);
            assertThat(insert.isUpsert()).isFalse();
            SqlInsert upsert = parse("UPSERT INTO t (a) VALUES (1)", SqlInsert.class);
            assertThat(upsert.isUpsert()).isTrue();
        }

        @Test
        void mistakes() {
            assertSyntaxError("INSERT INTO t VALUES (1) ON CONFLICT DO UPDATE SET a = 2", 1, 26,
                    "ON CONFLICT DO UPDATE requires the conflict target");
            assertSyntaxError("UPSERT INTO t VALUES (1) ON CONFLICT DO NOTHING", 1, 26, "UPSERT cannot have");
            assertSyntaxError("INSERT INTO t VALUES (1) ON CONFLICT (a) DO UPDATE", 1, 50,
                    "Encountered \"<EOF>\"; expected \"SET\"");
            assertSyntaxError("INSERT INTO t VALUES (1) ON CONFLICT (a) DO SOMETHING", 1, 45,
                    "Encountered \"SOMETHING\"");
        }
    }

    @Nested
    class Users {
        @Test
        void createUser() {
            SqlCreateUser u = parse("CREATE USER alice PASSWORD 's3cret'", SqlCreateUser.class);
            assertThat(u.name().getSimple()).isEqualTo("alice");
            assertThat(u.password()).isEqualTo("s3cret");
            assertThat(u.ifNotExists()).isFalse();
            assertThat(u.getKind()).isEqualTo(SqlKind.OTHER_DDL);
        }

        @Test
        void createUserWithQuotedNameAndQuoteInPassword() {
            SqlCreateUser u = parse("CREATE USER IF NOT EXISTS \"Bob\" WITH PASSWORD 'it''s'", SqlCreateUser.class);
            assertThat(u.name().getSimple()).isEqualTo("Bob");
            assertThat(u.password()).isEqualTo("it's");
            assertThat(u.ifNotExists()).isTrue();
        }

        @Test
        void alterUser() {
            SqlAlterUser u = parse("ALTER USER alice WITH PASSWORD 'n3w'", SqlAlterUser.class);
            assertThat(u.name().getSimple()).isEqualTo("alice");
            assertThat(u.password()).isEqualTo("n3w");
        }

        @Test
        void dropUser() {
            SqlDropUser d = parse("DROP USER IF EXISTS alice", SqlDropUser.class);
            assertThat(d.ifExists()).isTrue();
            assertThat(d.name().getSimple()).isEqualTo("alice");
            assertThat(parse("DROP USER alice", SqlDropUser.class).ifExists()).isFalse();
        }

        @Test
        void toStringHidesThePasswordButUnparseKeepsIt() {
            SqlNode create = ShardSqlParser.parse("CREATE USER alice PASSWORD 'hunter2'");
            SqlNode alter = ShardSqlParser.parse("ALTER USER alice PASSWORD 'hunter2'");
            assertThat(create.toString()).doesNotContain("hunter2").contains("'***'");
            assertThat(alter.toString()).doesNotContain("hunter2").contains("'***'");
            assertThat(ShardSqlParser.unparse(create)).contains("'hunter2'");
        }

        @Test
        void passwordIsRequired() {
            assertSyntaxError("CREATE USER alice", 1, 17, "Encountered \"<EOF>\"");
        }
    }

    @Nested
    class Privileges {
        @Test
        void grantOnTables() {
            SqlGrantOrRevoke g = parse("GRANT SELECT, insert ON TABLE t, public.u TO alice, readers",
                    SqlGrantOrRevoke.class);
            assertThat(g.grant()).isTrue();
            assertThat(g.target()).isEqualTo(SqlGrantOrRevoke.Target.TABLE);
            assertThat(g.privileges()).containsExactly("SELECT", "INSERT");
            assertThat(g.objects()).extracting(id -> id.names.get(id.names.size() - 1)).containsExactly("t", "u");
            assertThat(g.grantees()).extracting(SqlIdentifier::getSimple).containsExactly("alice", "readers");
            assertThat(parse("REVOKE ALL PRIVILEGES ON t FROM bob", SqlGrantOrRevoke.class).privileges())
                    .containsExactly("ALL");
            assertThat(parse("GRANT ALL ON database TO bob", SqlGrantOrRevoke.class).target()) // a table "database"
                    .isEqualTo(SqlGrantOrRevoke.Target.TABLE);
        }

        @Test
        void grantOnSequences() {
            SqlGrantOrRevoke g = parse("GRANT usage, SELECT ON SEQUENCE s, public.t_id_seq TO alice, readers",
                    SqlGrantOrRevoke.class);
            assertThat(g.target()).isEqualTo(SqlGrantOrRevoke.Target.SEQUENCE);
            assertThat(g.privileges()).containsExactly("USAGE", "SELECT");
            assertThat(g.objects()).extracting(id -> id.names.get(id.names.size() - 1))
                    .containsExactly("s", "t_id_seq");
            assertThat(ShardSqlParser.unparse(g)).isEqualTo(
                    "GRANT USAGE, SELECT ON SEQUENCE s, public.t_id_seq TO alice, readers");
            SqlGrantOrRevoke r = parse("REVOKE ALL PRIVILEGES ON SEQUENCE s FROM bob", SqlGrantOrRevoke.class);
            assertThat(r.grant()).isFalse();
            assertThat(r.privileges()).containsExactly("ALL");
            assertThat(parse("GRANT UPDATE ON sequence TO bob", SqlGrantOrRevoke.class).target()) // a table "sequence"
                    .isEqualTo(SqlGrantOrRevoke.Target.TABLE);
            SqlGrantOrRevoke role = parse("GRANT usage, b TO alice", SqlGrantOrRevoke.class); // a role "usage"
            assertThat(role.target()).isEqualTo(SqlGrantOrRevoke.Target.ROLE);
            assertThat(role.objects()).extracting(SqlIdentifier::getSimple).containsExactly("usage", "b");
        }

        @Test
        void grantCreateOnDatabaseAndRoles() {
            SqlGrantOrRevoke d = parse("GRANT CREATE ON DATABASE shardsql TO alice", SqlGrantOrRevoke.class);
            assertThat(d.target()).isEqualTo(SqlGrantOrRevoke.Target.DATABASE);
            SqlGrantOrRevoke r = parse("REVOKE admin, backup FROM alice", SqlGrantOrRevoke.class);
            assertThat(r.grant()).isFalse();
            assertThat(r.target()).isEqualTo(SqlGrantOrRevoke.Target.ROLE);
            assertThat(r.objects()).extracting(SqlIdentifier::getSimple).containsExactly("admin", "backup");
            assertThat(ShardSqlParser.unparse(r)).isEqualTo("REVOKE admin, backup FROM alice");
        }

        @Test
        void createAndDropRole() {
            assertThat(parse("CREATE ROLE IF NOT EXISTS readers", SqlCreateRole.class).name().getSimple())
                    .isEqualTo("readers");
            assertThat(parse("DROP ROLE IF EXISTS readers", SqlDropRole.class).ifExists()).isTrue();
        }

        @Test
        void misplacedPrivilegesAndWordsAreSyntaxErrors() {
            assertSyntaxError("GRANT SELECT ON DATABASE d TO a", 1, 26, "only CREATE is granted on a database");
            assertSyntaxError("GRANT CREATE ON t TO a", 1, 17, "CREATE is granted on a database");
            assertSyntaxError("GRANT SELECT ON t FROM a", 1, 19, "Encountered \"FROM\"");
            assertSyntaxError("REVOKE SELECT ON t TO a", 1, 20, "Encountered \"TO\"");
            assertSyntaxError("GRANT INSERT ON SEQUENCE s TO a", 1, 26, "a sequence only has USAGE, SELECT and UPDATE");
            assertSyntaxError("GRANT USAGE ON t TO a", 1, 16, "USAGE is granted on a sequence, not on a table");
            assertSyntaxError("GRANT USAGE ON DATABASE d TO a", 1, 25, "only CREATE is granted on a database");
        }
    }

    @Nested
    class Names {
        private List<String> identifiers(SqlNode node) {
            List<String> found = new ArrayList<>();
            node.accept(new SqlBasicVisitor<Void>() {
                @Override
                public Void visit(SqlIdentifier id) {
                    found.add(String.join(".", id.names));
                    return null;
                }
            });
            return found;
        }

        @Test
        void unquotedNamesFoldToLowerCaseQuotedOnesKeepTheirSpelling() {
            SqlSelect select = parse("SELECT Id, \"Name\", T.Total FROM MySchema.\"MyTable\" AS T", SqlSelect.class);
            assertThat(identifiers(select)).containsExactly("id", "Name", "t.total", "myschema.MyTable", "t");
        }

        @Test
        void foldingAppliesToOurStatementsToo() {
            SqlCreateTable t = parse("CREATE TABLE Orders (ID INT PRIMARY KEY, \"CamelCase\" INT)",
                    SqlCreateTable.class);
            assertThat(t.name().getSimple()).isEqualTo("orders");
            assertThat(t.columns()).extracting(SqlColumnDef::simpleName).containsExactly("id", "CamelCase");
            assertThat(parse("DROP USER Alice", SqlDropUser.class).name().getSimple()).isEqualTo("alice");
        }

        @Test
        void unparseQuotesOnlyWhatNeedsIt() {
            String sql = ShardSqlParser.unparse(ShardSqlParser.parse(
                    "CREATE TABLE Orders (id INT PRIMARY KEY, \"CamelCase\" INT, \"user\" TEXT, \"a b\" INT)"));
            assertThat(sql).isEqualTo("CREATE TABLE orders (id INTEGER PRIMARY KEY, \"CamelCase\" INTEGER, "
                    + "\"user\" VARCHAR, \"a b\" INTEGER)");
        }

        @Test
        void quotedAndUnquotedSpellingsOfTheSameLowerCaseNameAreEqual() {
            assertThat(ShardSqlParser.parse("SELECT a FROM t")
                    .equalsDeep(ShardSqlParser.parse("SELECT \"a\" FROM \"t\""), Litmus.IGNORE)).isTrue();
            assertThat(ShardSqlParser.parse("SELECT a FROM t")
                    .equalsDeep(ShardSqlParser.parse("SELECT \"A\" FROM t"), Litmus.IGNORE)).isFalse();
        }
    }

    @Nested
    class OrdinaryQueries {
        @ParameterizedTest
        @ValueSource(strings = {
                "SELECT o.id, c.name FROM orders o JOIN customers c ON o.customer_id = c.id WHERE o.total > 10",
                "SELECT * FROM a LEFT JOIN b USING (id) RIGHT OUTER JOIN c ON b.x = c.x CROSS JOIN d",
                "SELECT name FROM customers WHERE id IN (SELECT customer_id FROM orders WHERE total > 100)",
                "SELECT c.name, (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id) AS n FROM customers c",
                "SELECT * FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.t_id = t.id)",
                "SELECT * FROM (SELECT a, b FROM t) AS x WHERE x.a <> x.b",
                "SELECT * FROM t ORDER BY a DESC LIMIT 10 OFFSET 20",
                "SELECT * FROM t LIMIT 5",
                "SELECT * FROM t ORDER BY a OFFSET 5 ROWS FETCH FIRST 10 ROWS ONLY",
                "SELECT * FROM t FETCH NEXT 3 ROWS ONLY",
                "SELECT CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' ELSE 'zero' END FROM t",
                "SELECT CASE a WHEN 1 THEN 'one' ELSE 'many' END FROM t",
                "SELECT CAST(a AS VARCHAR(10)), CAST(b AS DECIMAL(10, 2)), CAST(c AS TEXT) FROM t",
                "SELECT a FROM t WHERE a != 1 AND b <> 2",
                "SELECT k, COUNT(*), SUM(v) FROM t GROUP BY k HAVING COUNT(*) > 1",
                "SELECT a FROM t UNION ALL SELECT a FROM u EXCEPT SELECT a FROM v",
                "WITH recent AS (SELECT * FROM orders WHERE placed > CURRENT_DATE - INTERVAL '7' DAY) "
                        + "SELECT * FROM recent",
                "SELECT DISTINCT k, v FROM t ORDER BY k, v DESC",
                "SELECT a FROM t WHERE b LIKE 'x%' AND c BETWEEN 1 AND 5 AND d IS NOT NULL",
                "SELECT ROW_NUMBER() OVER (PARTITION BY k ORDER BY v) FROM t",
                "SELECT * FROM t WHERE id = ? AND name = ?",
                "SELECT 1",
                "VALUES (1, 'a'), (2, 'b')",
                "UPDATE t SET a = a + 1, b = 'x' WHERE id = 3",
                "DELETE FROM t WHERE id = 3",
                "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v "
                        + "WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)",
        })
        void parsesAndRoundTrips(String sql) {
            assertRoundTrip(ShardSqlParser.parse(sql));
        }

        @Test
        void limitAndOffsetLandOnTheQuery() {
            SqlOrderBy q = parse("SELECT * FROM t ORDER BY a LIMIT 10 OFFSET 20", SqlOrderBy.class);
            assertThat(q.fetch).hasToString("10");
            assertThat(q.offset).hasToString("20");
        }

        @Test
        void explainInBothForms() {
            SqlExplain calcite = parse("EXPLAIN PLAN FOR SELECT * FROM t", SqlExplain.class);
            SqlExplain postgres = parse("EXPLAIN SELECT * FROM t", SqlExplain.class);
            assertThat(postgres.getDepth()).isEqualTo(calcite.getDepth()).isEqualTo(SqlExplain.Depth.PHYSICAL);
            assertThat(postgres.getExplicandum().equalsDeep(calcite.getExplicandum(), Litmus.IGNORE)).isTrue();
            assertThat(parse("EXPLAIN PLAN WITHOUT IMPLEMENTATION AS JSON FOR DELETE FROM t", SqlExplain.class)
                    .getFormat().name()).isEqualTo("JSON");
            SqlExplain upsert = parse("EXPLAIN INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING", SqlExplain.class);
            assertThat(upsert.getExplicandum()).isInstanceOf(SqlInsertOnConflict.class);
        }
    }

    @Nested
    class RowLocking {
        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                SELECT * FROM t FOR UPDATE                                    | UPDATE        | WAIT
                SELECT * FROM t WHERE id = ? FOR NO KEY UPDATE NOWAIT         | NO_KEY_UPDATE | NOWAIT
                select * from t order by id limit 1 for share skip locked     | SHARE         | SKIP_LOCKED
                SELECT a FROM t AS x FOR KEY SHARE OF x                       | KEY_SHARE     | WAIT
                """)
        void theLockingClauseFollowsAQuery(String sql, SqlRowLocking.Strength strength, SqlRowLocking.Wait wait) {
            SqlRowLocking l = parse(sql, SqlRowLocking.class);
            assertThat(l.strength()).isEqualTo(strength);
            assertThat(l.waitPolicy()).isEqualTo(wait);
            assertThat(l.query().getKind()).isIn(SqlKind.SELECT, SqlKind.ORDER_BY);
        }

        @Test
        void ofNamesTheTablesAndTheClauseUnparsesAsWritten() {
            SqlRowLocking l = parse("SELECT * FROM t FOR UPDATE OF t, s.u NOWAIT", SqlRowLocking.class);
            assertThat(names(l.of().getList())).containsExactly("t", "s.u");
            assertThat(ShardSqlParser.unparse(l)).endsWith("FOR UPDATE OF t, s.u NOWAIT");
            SqlRowLocking spread = parse("SELECT a FROM t\n  FOR\tUPDATE\n  OF t SKIP\n LOCKED", SqlRowLocking.class);
            assertThat(spread.waitPolicy()).isEqualTo(SqlRowLocking.Wait.SKIP_LOCKED);
        }

        @Test
        void forSystemTimeAfterATableStillParsesAndTheNewWordsStayNames() {
            assertThat(ShardSqlParser.parse("SELECT * FROM t FOR SYSTEM_TIME AS OF TIMESTAMP '2020-01-01 00:00:00'"))
                    .isInstanceOf(SqlSelect.class);
            SqlCreateTable t = parse("CREATE TABLE share (nowait INT PRIMARY KEY, locked INT, share INT)",
                    SqlCreateTable.class);
            assertThat(t.columns()).extracting(SqlColumnDef::simpleName).containsExactly("nowait", "locked", "share");
            assertThat(ShardSqlParser.parse("SELECT share, locked FROM share WHERE nowait = 1"))
                    .isInstanceOf(SqlSelect.class);
        }

        @Test
        void strengthAndWaitAreComparedByEqualsDeep() {
            SqlNode update = ShardSqlParser.parse("SELECT * FROM t FOR UPDATE");
            assertThat(update.equalsDeep(ShardSqlParser.parse("SELECT * FROM t FOR SHARE"), Litmus.IGNORE)).isFalse();
            assertThat(update.equalsDeep(ShardSqlParser.parse("SELECT * FROM t FOR UPDATE NOWAIT"), Litmus.IGNORE))
                    .isFalse();
            assertThat(update.equalsDeep(ShardSqlParser.parse("select * from t for update"), Litmus.IGNORE)).isTrue();
        }

        @Test
        void aBadLockingClauseIsASyntaxError() {
            assertSyntaxError("SELECT * FROM t FOR DELETE", 1, 21, "Encountered \"DELETE\"");
            assertSyntaxError("SELECT * FROM t FOR UPDATE WAIT", 1, 28, "Encountered \"WAIT\"");
            assertSyntaxError("SELECT * FROM t FOR UPDATE SKIP", 1, 31, "Encountered \"<EOF>\"");
        }
    }

    @Nested
    class Scripts {
        @Test
        void statementsSeparatedBySemicolons() {
            List<SqlNode> script = ShardSqlParser.parseScript("""
                    BEGIN;
                    INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING;
                    SELECT * FROM t;
                    COMMIT;
                    """);
            assertThat(script).hasSize(4);
            assertThat(script.get(0)).isInstanceOf(SqlBeginOrSetTransaction.class);
            assertThat(script.get(1)).isInstanceOf(SqlInsertOnConflict.class);
            assertThat(script.get(2)).isInstanceOf(SqlSelect.class);
            assertThat(script.get(3)).isInstanceOf(SqlCommitOrRollback.class);
        }

        @Test
        void errorPositionsCountFromTheStartOfTheScript() {
            SqlSyntaxException e = catchThrowableOfType(SqlSyntaxException.class,
                    () -> ShardSqlParser.parseScript("SELECT 1;\nSELECT 2;\nSELEKT 3;"));
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.column()).isEqualTo(1);
        }
    }

    @Nested
    class SyntaxErrors {
        @Test
        void misspeltKeyword() {
            assertSyntaxError("SELECT * FORM t", 1, 15, "Encountered \"t\"");
        }

        @Test
        void positionIsLineAndColumnOfTheOffendingToken() {
            SqlSyntaxException e = syntaxError("SELECT a,\n       b\n  FROM t\nWHERE a IN (1,, 2)");
            assertThat(e.line()).isEqualTo(4);
            assertThat(e.column()).isEqualTo(15);
            assertThat(e.endLine()).isEqualTo(4);
            assertThat(e.endColumn()).isEqualTo(15);
            assertThat(e.getMessage()).isEqualTo("Syntax error at line 4, column 15: Encountered \",\"");
        }

        @Test
        void shortListsOfExpectedTokensAreInTheMessage() {
            assertSyntaxError("DROP TABLE IF EXISTS", 1, 20, "Encountered \"<EOF>\"; expected an identifier");
            assertSyntaxError("SELECT a FROM t ORDER a", 1, 23, "Encountered \"a\"; expected \"BY\"");
            assertSyntaxError("SET TRANSACTION READ", 1, 20, "expected one of \"ONLY\", \"WRITE\"");
        }

        @Test
        void lexicalErrorsToo() {
            assertSyntaxError("SELECT 'unterminated FROM t", 1, 8, "Encountered \"\\'");
            assertSyntaxError("SELECT a # b FROM t", 1, 10, "Lexical error Encountered: \"#\"");
        }

        @Test
        void reservedWordAsName() {
            assertSyntaxError("CREATE TABLE select (a INT)", 1, 14, "Encountered \"select\"; expected an identifier");
        }

        @Test
        void emptyStatement() {
            assertSyntaxError("", 1, 1, "Encountered \"<EOF>\"");
            assertSyntaxError("  -- nothing but a comment", 1, 26, "Encountered \"<EOF>\"");
            assertThat(ShardSqlParser.parseScript("")).isEmpty();
        }

        @Test
        void aSyntaxErrorIsAShardSqlExceptionWithTheCauseKept() {
            ShardSqlException e = syntaxError("SELEC 1");
            assertThat(ShardSqlException.find(e)).isSameAs(e);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getCause()).isInstanceOf(org.apache.calcite.sql.parser.SqlParseException.class);
        }

        @Test
        void trailingSemicolonIsForScriptsOnly() {
            assertThatThrownBy(() -> ShardSqlParser.parse("COMMIT;")).isInstanceOf(SqlSyntaxException.class);
            assertThat(ShardSqlParser.parseScript("COMMIT;")).hasSize(1);
        }
    }

    @Test
    void everyNodeOfOursRebuildsFromItsOperands() {
        for (String sql : List.of(
                "CREATE TABLE t (a INT NOT NULL DEFAULT 1 PRIMARY KEY, b TEXT)",
                "CREATE TABLE t (a INT, b INT, CONSTRAINT pk PRIMARY KEY (a, b))",
                "DROP TABLE IF EXISTS t", "CREATE UNIQUE INDEX i ON t (a)", "DROP INDEX i",
                "ALTER TABLE t ADD COLUMN c INT", "ALTER TABLE t DROP COLUMN c",
                "CREATE USER u PASSWORD 'p'", "ALTER USER u PASSWORD 'q'", "DROP USER u",
                "GRANT SELECT, DELETE ON t, u TO a, b", "REVOKE ALL ON t FROM a", "GRANT CREATE ON DATABASE d TO a",
                "GRANT USAGE, UPDATE ON SEQUENCE s TO a", "REVOKE ALL ON SEQUENCE s, t FROM a",
                "GRANT r TO a", "REVOKE r, s FROM a", "CREATE ROLE IF NOT EXISTS r", "DROP ROLE r",
                "START TRANSACTION READ ONLY", "COMMIT", "ROLLBACK", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
                "SNAPSHOT TO 'd'", "SHOW SNAPSHOTS", "DROP SNAPSHOT 'd'", "SHOW transaction_isolation",
                "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
                "INSERT INTO t VALUES (1) ON CONFLICT (a) DO UPDATE SET b = 2 WHERE a > 0",
                "SELECT * FROM t FOR KEY SHARE OF t SKIP LOCKED")) {
            SqlCall call = (SqlCall) ShardSqlParser.parse(sql);
            SqlCall copy = (SqlCall) call.clone(call.getParserPosition());
            assertThat(copy).as(sql).isExactlyInstanceOf(call.getClass());
            assertThat(ShardSqlParser.unparse(copy)).as(sql).isEqualTo(ShardSqlParser.unparse(call));
        }
    }
}
