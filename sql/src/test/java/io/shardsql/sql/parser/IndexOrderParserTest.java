package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Index columns with ASC / DESC / NULLS FIRST / NULLS LAST, and EXPLAIN of a locking query. */
@Timeout(60)
class IndexOrderParserTest {

    private static SqlCreateIndex index(String sql) {
        SqlNode node = ShardSqlParser.parse(sql);
        assertThat(node).isExactlyInstanceOf(SqlCreateIndex.class);
        String text = ShardSqlParser.unparse(node);
        SqlNode again = ShardSqlParser.parse(text);
        assertThat(again.equalsDeep(node, Litmus.IGNORE)).as(text).isTrue();
        assertThat(ShardSqlParser.unparse(again)).isEqualTo(text);
        return (SqlCreateIndex) node;
    }

    private static List<String> describe(SqlCreateIndex i) {
        return i.columns().getList().stream().map(SqlCreateIndex::column)
                .map(c -> c.name().getSimple() + (c.descending() ? " desc" : " asc")
                        + (c.effectiveNullsFirst() ? " first" : " last") + (c.nullsFirst() == null ? "" : "!"))
                .toList();
    }

    @Test
    void eachColumnTakesADirectionAndANullPlacement() {
        SqlCreateIndex i = index("CREATE INDEX i ON t (a DESC, b ASC, c, d NULLS FIRST, e DESC NULLS LAST, "
                + "f ASC NULLS LAST, g DESC NULLS FIRST)");
        assertThat(describe(i)).containsExactly("a desc first", "b asc last", "c asc last", "d asc first!",
                "e desc last!", "f asc last!", "g desc first!");
        assertThat(ShardSqlParser.unparse(i)).contains("a DESC", "d NULLS FIRST", "e DESC NULLS LAST");
    }

    @Test
    void uniqueIndexesTakeDirectionsToo() {
        SqlCreateIndex i = index("CREATE UNIQUE INDEX IF NOT EXISTS u ON t (a DESC)");
        assertThat(i.unique()).isTrue();
        assertThat(describe(i)).containsExactly("a desc first");
    }

    @Test
    void badOrdersAreSyntaxErrors() {
        for (String sql : List.of("CREATE INDEX i ON t (a DESC ASC)", "CREATE INDEX i ON t (a NULLS)",
                "CREATE INDEX i ON t (a NULLS FIRST DESC)", "CREATE INDEX i ON t (a + 1)",
                "CREATE INDEX i ON t ()")) {
            assertThatThrownBy(() -> ShardSqlParser.parse(sql)).as(sql).isInstanceOf(SqlSyntaxException.class);
        }
    }

    @Test
    void explainTakesALockingQuery() {
        for (String sql : List.of("EXPLAIN SELECT * FROM t WHERE a = 1 FOR UPDATE",
                "EXPLAIN PLAN FOR SELECT * FROM t FOR SHARE NOWAIT",
                "EXPLAIN SELECT * FROM t FOR UPDATE OF t SKIP LOCKED")) {
            SqlNode node = ShardSqlParser.parse(sql);
            assertThat(node).as(sql).isInstanceOf(SqlExplain.class);
            assertThat(((SqlExplain) node).getExplicandum()).as(sql).isInstanceOf(SqlRowLocking.class);
        }
    }
}
