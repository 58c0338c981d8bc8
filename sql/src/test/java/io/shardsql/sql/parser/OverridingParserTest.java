package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code INSERT ... OVERRIDING {SYSTEM | USER} VALUE}. */
@Timeout(60)
class OverridingParserTest {

    private static SqlNode roundTrip(String sql) {
        SqlNode node = ShardSqlParser.parse(sql);
        String text = ShardSqlParser.unparse(node);
        SqlNode again = ShardSqlParser.parse(text);
        assertThat(again.equalsDeep(node, Litmus.IGNORE)).as(text).isTrue();
        assertThat(ShardSqlParser.unparse(again)).isEqualTo(text);
        if (!(node instanceof SqlInsertOverriding)) return node;
        SqlNode copy = ((org.apache.calcite.sql.SqlCall) node).getOperator().createCall(null,
                node.getParserPosition(), ((org.apache.calcite.sql.SqlCall) node).getOperandList()
                        .toArray(new SqlNode[0]));
        assertThat(ShardSqlParser.unparse(copy)).isEqualTo(text);
        return node;
    }

    @Test
    void systemAndUserValue() {
        SqlInsertOverriding s = (SqlInsertOverriding) roundTrip(
                "INSERT INTO t (id, v) OVERRIDING SYSTEM VALUE VALUES (1, 'a'), (2, 'b')");
        assertThat(s.overriding()).isEqualTo(SqlInsertOverriding.Kind.SYSTEM);
        assertThat(s.getTargetColumnList()).hasSize(2);
        assertThat(ShardSqlParser.unparse(s)).contains("OVERRIDING SYSTEM VALUE");
        SqlInsertOverriding u = (SqlInsertOverriding) roundTrip("INSERT INTO t OVERRIDING USER VALUE SELECT * FROM u");
        assertThat(u.overriding()).isEqualTo(SqlInsertOverriding.Kind.USER);
        assertThat(u.getTargetColumnList()).isNull();
    }

    @Test
    void withReturningAndPlainInsertsStayPlain() {
        SqlReturning r = (SqlReturning) roundTrip("INSERT INTO t OVERRIDING SYSTEM VALUE VALUES (1) RETURNING id");
        assertThat(r.statement()).isInstanceOf(SqlInsertOverriding.class);
        assertThat(ShardSqlParser.parse("INSERT INTO t VALUES (1)")).isExactlyInstanceOf(SqlInsert.class);
        assertThat(ShardSqlParser.parse("INSERT INTO overriding VALUES (1)")).isExactlyInstanceOf(SqlInsert.class);
    }

    @Test
    void mistakes() {
        for (String sql : List.of("INSERT INTO t OVERRIDING VALUE VALUES (1)", "INSERT INTO t OVERRIDING SYSTEM VALUES (1)",
                "INSERT INTO t VALUES (1) OVERRIDING SYSTEM VALUE",
                "INSERT INTO t OVERRIDING SYSTEM VALUE VALUES (1) ON CONFLICT DO NOTHING")) {
            assertThatThrownBy(() -> ShardSqlParser.parse(sql)).as(sql).isInstanceOf(SqlSyntaxException.class);
        }
    }
}
