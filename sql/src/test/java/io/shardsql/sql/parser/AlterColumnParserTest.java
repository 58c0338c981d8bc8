package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ALTER TABLE t ALTER [COLUMN] c ...}. */
@Timeout(60)
class AlterColumnParserTest {

    private static SqlAlterColumn parse(String sql) {
        SqlNode node = ShardSqlParser.parse(sql);
        assertThat(node).as(sql).isExactlyInstanceOf(SqlAlterColumn.class);
        String text = ShardSqlParser.unparse(node);
        SqlNode again = ShardSqlParser.parse(text);
        assertThat(again.equalsDeep(node, Litmus.IGNORE)).as(text).isTrue();
        SqlAlterColumn a = (SqlAlterColumn) node;
        SqlNode copy = a.getOperator().createCall(null, a.getParserPosition(), a.getOperandList().toArray(new SqlNode[0]));
        assertThat(ShardSqlParser.unparse(copy)).isEqualTo(text);
        return a;
    }

    @Test
    void everyAction() {
        SqlAlterColumn t = parse("ALTER TABLE s.t ALTER COLUMN c TYPE BIGINT");
        assertThat(t.action()).isEqualTo(SqlAlterColumn.Action.TYPE);
        assertThat(t.table().names).containsExactly("s", "t");
        assertThat(t.column().getSimple()).isEqualTo("c");
        assertThat(t.type().toString()).isEqualTo("BIGINT");
        assertThat(parse("ALTER TABLE t ALTER c SET DATA TYPE VARCHAR(20)").action())
                .isEqualTo(SqlAlterColumn.Action.TYPE);
        SqlAlterColumn d = parse("ALTER TABLE t ALTER c SET DEFAULT -1");
        assertThat(d.action()).isEqualTo(SqlAlterColumn.Action.SET_DEFAULT);
        assertThat(d.defaultValue().toString()).isEqualTo("-1");
        assertThat(parse("ALTER TABLE t ALTER c SET DEFAULT now()").action()).isEqualTo(SqlAlterColumn.Action.SET_DEFAULT);
        assertThat(parse("ALTER TABLE t ALTER COLUMN c DROP DEFAULT").action()).isEqualTo(SqlAlterColumn.Action.DROP_DEFAULT);
        assertThat(parse("ALTER TABLE t ALTER c SET NOT NULL").action()).isEqualTo(SqlAlterColumn.Action.SET_NOT_NULL);
        assertThat(parse("ALTER TABLE t ALTER c DROP NOT NULL").action()).isEqualTo(SqlAlterColumn.Action.DROP_NOT_NULL);
    }

    @Test
    void mistakesAreSyntaxErrors() {
        for (String sql : List.of("ALTER TABLE t ALTER c TYPE", "ALTER TABLE t ALTER c TYPE INT USING c + 1",
                "ALTER TABLE t ALTER c SET NULL", "ALTER TABLE t ALTER c DROP NULL", "ALTER TABLE t ALTER c",
                "ALTER TABLE t ALTER c SET DATA INT")) {
            assertThatThrownBy(() -> ShardSqlParser.parse(sql)).as(sql).isInstanceOf(SqlSyntaxException.class);
        }
    }
}
