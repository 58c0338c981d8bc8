package io.shardsql.sql.parser;

import io.shardsql.common.ErrorCode;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * CHECK, UNIQUE and FOREIGN KEY constraints in CREATE TABLE (on columns and on the table, named or not) and in
 * ALTER TABLE ADD / DROP CONSTRAINT: the nodes they parse to, and a round trip through unparse for each.
 */
@Timeout(60)
class ConstraintParserTest {

    private static <T extends SqlNode> T parse(String sql, Class<T> type) {
        SqlNode node = ShardSqlParser.parse(sql);
        assertThat(node).isExactlyInstanceOf(type);
        String unparsed = ShardSqlParser.unparse(node);
        SqlNode again = ShardSqlParser.parse(unparsed);
        assertThat(again.equalsDeep(node, Litmus.IGNORE))
                .as("%s%n  parses back to an equal tree; got%n%s", unparsed, ShardSqlParser.unparse(again)).isTrue();
        assertThat(ShardSqlParser.unparse(again)).isEqualTo(unparsed);
        return type.cast(node);
    }

    private static String sql(SqlNode node) {
        return ShardSqlParser.unparse(node);
    }

    @Test
    void columnConstraintsBecomeTheTables() {
        SqlCreateTable t = parse("CREATE TABLE t (id INT PRIMARY KEY, qty INT NOT NULL CHECK (qty >= 0) UNIQUE, "
                + "code TEXT CONSTRAINT code_upper CHECK (upper(code) = code) CONSTRAINT code_key UNIQUE)",
                SqlCreateTable.class);
        assertThat(t.columns()).allMatch(c -> c.constraints().isEmpty());
        assertThat(t.columns().get(1).notNull()).isTrue();
        List<SqlTableConstraint> cs = t.constraints();
        assertThat(cs).hasSize(4);
        SqlCheckConstraint qty = (SqlCheckConstraint) cs.get(0);
        assertThat(qty.name()).isNull();
        assertThat(sql(qty.expression())).isEqualTo("qty >= 0");
        SqlUniqueConstraint qtyUnique = (SqlUniqueConstraint) cs.get(1);
        assertThat(qtyUnique.name()).isNull();
        assertThat(qtyUnique.columnNames()).containsExactly("qty");
        assertThat(cs.get(2).name().getSimple()).isEqualTo("code_upper");
        assertThat(((SqlUniqueConstraint) cs.get(3)).columnNames()).containsExactly("code");
        assertThat(cs.get(3).name().getSimple()).isEqualTo("code_key");
        assertThat(sql(t)).contains("CHECK (qty >= 0)", "UNIQUE (qty)", "CONSTRAINT code_key UNIQUE (code)");
    }

    @Test
    void tableConstraintsInAnyOrderBesideThePrimaryKey() {
        SqlCreateTable t = parse("CREATE TABLE t (a INT, b INT, UNIQUE (a, b), CONSTRAINT \"A Check\" CHECK (a < b), "
                + "CONSTRAINT t_pk PRIMARY KEY (a), CHECK (a IS NULL OR a > 0))", SqlCreateTable.class);
        assertThat(t.primaryKey()).extracting(SqlIdentifier::getSimple).containsExactly("a");
        assertThat(t.constraints()).hasSize(3);
        assertThat(((SqlUniqueConstraint) t.constraints().get(0)).columnNames()).containsExactly("a", "b");
        assertThat(t.constraints().get(1).name().getSimple()).isEqualTo("A Check");
        assertThat(((SqlCheckConstraint) t.constraints().get(2)).expression().getKind()).isEqualTo(SqlKind.OR);
    }

    @Test
    void aSubQueryInACheckParsesForTheCatalogToRefuse() {
        SqlCreateTable t = parse("CREATE TABLE t (a INT CHECK (a IN (SELECT 1)))", SqlCreateTable.class);
        assertThat(sql(((SqlCheckConstraint) t.constraints().get(0)).expression())).contains("SELECT");
    }

    @Test
    void alterTableAddConstraint() {
        SqlAlterTableAddConstraint check = parse("ALTER TABLE t ADD CONSTRAINT positive CHECK (n > 0)",
                SqlAlterTableAddConstraint.class);
        assertThat(check.getKind()).isEqualTo(SqlKind.ALTER_TABLE);
        assertThat(check.table().getSimple()).isEqualTo("t");
        assertThat(((SqlCheckConstraint) check.constraint()).name().getSimple()).isEqualTo("positive");

        SqlAlterTableAddConstraint unique = parse("alter table s.t add unique (a, b)", SqlAlterTableAddConstraint.class);
        assertThat(unique.table().names).containsExactly("s", "t");
        assertThat(((SqlUniqueConstraint) unique.constraint()).columnNames()).containsExactly("a", "b");
        assertThat(((SqlUniqueConstraint) unique.constraint()).name()).isNull();

        SqlAlterTableAddConstraint key = parse("ALTER TABLE t ADD PRIMARY KEY (a)", SqlAlterTableAddConstraint.class);
        assertThat(key.constraint()).isInstanceOf(SqlPrimaryKey.class);
    }

    @Test
    void addColumnKeepsItsConstraints() {
        SqlAlterTableAddColumn add = parse("ALTER TABLE t ADD COLUMN n INT CHECK (n > 0) UNIQUE",
                SqlAlterTableAddColumn.class);
        assertThat(add.column().constraints()).hasSize(2);
        assertThat(sql(add)).isEqualTo("ALTER TABLE t ADD COLUMN n INTEGER CHECK (n > 0) UNIQUE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALTER TABLE t DROP CONSTRAINT c", "alter table t drop constraint if exists c"})
    void alterTableDropConstraint(String text) {
        SqlAlterTableDropConstraint drop = parse(text, SqlAlterTableDropConstraint.class);
        assertThat(drop.name().getSimple()).isEqualTo("c");
        assertThat(drop.ifExists()).isEqualTo(text.contains("if exists"));
    }

    @Test
    void aColumnMayStillBeCalledLikeAnUnreservedWord() {
        SqlAlterTableDropColumn drop = parse("ALTER TABLE t DROP COLUMN constraints", SqlAlterTableDropColumn.class);
        assertThat(drop.column().getSimple()).isEqualTo("constraints");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CREATE TABLE t (a INT CHECK a > 0)",
        "CREATE TABLE t (a INT, UNIQUE a)",
        "CREATE TABLE t (a INT, UNIQUE (zz))",
        "CREATE TABLE t (a INT, UNIQUE (a, a))",
        "CREATE TABLE t (a INT CONSTRAINT c NOT NULL)",
        "ALTER TABLE t ADD CONSTRAINT c",
        "ALTER TABLE t DROP CONSTRAINT"
    })
    void mistakesAreSyntaxErrors(String text) {
        SqlSyntaxException e = catchThrowableOfType(SqlSyntaxException.class, () -> ShardSqlParser.parse(text));
        assertThat(e).as("%s fails to parse", text).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR);
    }

    @Test
    void foreignKeysOnColumnsAndOnTheTableWithTheirActions() {
        SqlCreateTable t = parse("CREATE TABLE c (id INT PRIMARY KEY, p INT REFERENCES parent,"
                + " q INT CONSTRAINT c_q REFERENCES parent (id) MATCH SIMPLE ON UPDATE RESTRICT ON DELETE SET NULL,"
                + " a INT, b INT, FOREIGN KEY (a, b) REFERENCES other (x, y) ON DELETE CASCADE)", SqlCreateTable.class);
        List<SqlTableConstraint> cs = t.constraints();
        assertThat(cs).hasSize(3).allMatch(c -> c instanceof SqlForeignKeyConstraint);
        SqlForeignKeyConstraint p = (SqlForeignKeyConstraint) cs.get(0);
        assertThat(p.name()).isNull();
        assertThat(p.columnNames()).containsExactly("p");
        assertThat(p.parentColumnNames()).isEmpty();
        assertThat(p.onDelete()).isEqualTo("NO ACTION");
        SqlForeignKeyConstraint q = (SqlForeignKeyConstraint) cs.get(1);
        assertThat(q.name().getSimple()).isEqualTo("c_q");
        assertThat(q.parentColumnNames()).containsExactly("id");
        assertThat(q.onDelete()).isEqualTo("SET NULL");
        assertThat(q.onUpdate()).isEqualTo("RESTRICT");
        SqlForeignKeyConstraint ab = (SqlForeignKeyConstraint) cs.get(2);
        assertThat(ab.columnNames()).containsExactly("a", "b");
        assertThat(ab.parent().getSimple()).isEqualTo("other");
        assertThat(ab.onDelete()).isEqualTo("CASCADE");
        assertThat(sql(t)).contains("FOREIGN KEY (a, b) REFERENCES other (x, y) ON DELETE CASCADE",
                "CONSTRAINT c_q FOREIGN KEY (q) REFERENCES parent (id) ON DELETE SET NULL ON UPDATE RESTRICT");
        SqlAlterTableAddConstraint add = parse("ALTER TABLE c ADD CONSTRAINT k FOREIGN KEY (a) REFERENCES p"
                + " ON DELETE NO ACTION", SqlAlterTableAddConstraint.class);
        assertThat(add.constraint()).isInstanceOf(SqlForeignKeyConstraint.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE TABLE c (p INT REFERENCES parent ON DELETE CASCADE ON DELETE RESTRICT)",
        "CREATE TABLE c (p INT REFERENCES parent MATCH FULL)", "CREATE TABLE c (p INT, FOREIGN KEY p REFERENCES x)",
        "CREATE TABLE c (p INT REFERENCES parent ON DELETE SET)"})
    void malformedForeignKeysAreSyntaxErrors(String text) {
        SqlSyntaxException e = catchThrowableOfType(SqlSyntaxException.class, () -> ShardSqlParser.parse(text));
        assertThat(e).as("%s fails to parse", text).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR);
    }
}
