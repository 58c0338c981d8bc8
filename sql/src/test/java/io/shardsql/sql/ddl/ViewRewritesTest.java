package io.shardsql.sql.ddl;

import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.catalog.ViewDef;
import io.shardsql.sql.parser.ShardSqlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The text a view's query becomes when a table it reads, or a column of it, is renamed. */
@Timeout(30)
class ViewRewritesTest {
    private static final SqlType INT = SqlType.of(SqlType.Kind.INTEGER);

    private static ViewDef view(String sql, String... reads) {
        return new ViewDef("v", ShardSqlParser.unparse(ShardSqlParser.parse(sql)),
                List.of(new ViewDef.Column("id", "INTEGER", "id")), List.of(reads));
    }

    private static String normalized(String sql) {
        return ShardSqlParser.unparse(ShardSqlParser.parse(sql));
    }

    @Test
    void aRenamedTableIsReadUnderItsOldNameEverywhere() {
        ViewDef v = view("SELECT t.id FROM t JOIN s ON t.id = s.id WHERE t.id IN (SELECT id FROM public.t AS x)",
                "t", "s");
        ViewDef renamed = ViewRewrites.renameTable(v, "t", "u").orElseThrow();
        assertThat(renamed.sql()).isEqualTo(normalized("SELECT t.id FROM u AS t JOIN s ON t.id = s.id"
                + " WHERE t.id IN (SELECT id FROM u AS x)"));
        assertThat(renamed.dependsOn()).containsExactly("u", "s");
        assertThat(renamed.columns()).isEqualTo(v.columns());
    }

    @Test
    void aRenamedColumnIsReadUnderItsOldNameThroughADerivedTable() {
        TableDef after = new TableDef(5, "t", List.of(new ColumnDef(1, "id", INT, false, null),
                new ColumnDef(2, "Total", INT, true, null)), List.of(1), List.of(), 3);
        ViewDef v = view("SELECT * FROM t WHERE amount > 1", "t");
        ViewDef renamed = ViewRewrites.renameColumn(v, after, "amount", "Total").orElseThrow();
        assertThat(renamed.sql()).isEqualTo(normalized("SELECT * FROM (SELECT id, \"Total\" AS amount FROM t) AS t"
                + " WHERE amount > 1"));
    }

    @Test
    void otherTablesAndWithItemsOfTheSameNameAreLeftAlone() {
        ViewDef other = view("SELECT id FROM tt JOIN other.t ON true", "tt");
        assertThat(ViewRewrites.renameTable(other, "t", "u").orElseThrow().sql()).isEqualTo(other.sql());
        ViewDef shadowed = view("WITH t AS (SELECT 1 AS id) SELECT id FROM t", "t");
        assertThat(ViewRewrites.renameTable(shadowed, "t", "u")).isEmpty();
    }
}
