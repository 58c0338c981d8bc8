package io.shardsql.sql.rows;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.storage.KvEntry;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartialAggregationTest {
    private static final ColumnDef ID = new ColumnDef(1, "id", SqlType.of(SqlType.Kind.BIGINT), false, null);
    private static final ColumnDef G = new ColumnDef(2, "g", SqlType.varchar(10), true, null);
    private static final ColumnDef N = new ColumnDef(3, "n", SqlType.of(SqlType.Kind.INTEGER), true, null);
    private static final ColumnDef AMOUNT = new ColumnDef(4, "amount", SqlType.decimal(10, 2), true, null);
    private static final ColumnDef LEVEL = new ColumnDef(5, "level", SqlType.of(SqlType.Kind.INTEGER), true, 7L);
    private static final TableDef TABLE = new TableDef(9, "t", List.of(ID, G, N, AMOUNT), List.of(1), List.of(), 5);
    private static final TableDef WIDER = TABLE.withColumn(LEVEL);

    private static final List<PartialAggregation.Call> CALLS = List.of(
            new PartialAggregation.Call(PartialAggregation.Op.COUNT_STAR, -1),
            new PartialAggregation.Call(PartialAggregation.Op.COUNT, 2),
            new PartialAggregation.Call(PartialAggregation.Op.SUM, 2),
            new PartialAggregation.Call(PartialAggregation.Op.SUM, 3),
            new PartialAggregation.Call(PartialAggregation.Op.MIN, 0),
            new PartialAggregation.Call(PartialAggregation.Op.MAX, 3));

    private static KvEntry row(TableDef table, Object... values) {
        return new KvEntry(RowKeys.key(table, new Object[] {values[0]}), RowCodec.encode(table, values), 5);
    }

    private static final List<KvEntry> ROWS = List.of(
            row(TABLE, 1L, "a", 10L, new BigDecimal("1.5")),
            row(TABLE, 2L, "b", null, new BigDecimal("-2")),
            row(TABLE, 3L, "a", 5L, null),
            row(TABLE, 4L, null, 1L, new BigDecimal("0.25")),
            row(TABLE, 5L, "a", null, null));

    private static List<Object[]> fold(TableDef table, List<Integer> groups, List<PartialAggregation.Call> calls,
                                       List<KvEntry> rows) {
        PartialAggregation agg = PartialAggregation.compile(PartialAggregation.program(table, groups, calls));
        List<Object[]> out = new ArrayList<>();
        for (KvEntry e : agg.finishPage(rows)) out.add(agg.decode(e));
        return out;
    }

    @Test
    void withoutGroupsAPageFoldsIntoOneRow() {
        List<Object[]> out = fold(TABLE, List.of(), CALLS, ROWS);
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).containsExactly(5L, 3L, 16L, new BigDecimal("-0.25"), 1L, new BigDecimal("1.5"));
    }

    @Test
    void groupsAreTheStoredBytesOfTheirColumnsNullIncluded() {
        List<Object[]> out = fold(TABLE, List.of(1), CALLS, ROWS);
        out.sort(Comparator.comparing(r -> String.valueOf(r[0])));
        assertThat(out).hasSize(3);
        assertThat(out.get(0)).containsExactly("a", 3L, 2L, 15L, new BigDecimal("1.5"), 1L, new BigDecimal("1.5"));
        assertThat(out.get(1)).containsExactly("b", 1L, 0L, null, new BigDecimal("-2"), 2L, new BigDecimal("-2"));
        assertThat(out.get(2)).containsExactly(null, 1L, 1L, 1L, new BigDecimal("0.25"), 4L, new BigDecimal("0.25"));
    }

    @Test
    void aColumnARowDoesNotMentionReadsAsItsDefault() {
        List<KvEntry> rows = new ArrayList<>(ROWS);
        rows.add(row(WIDER, 6L, "c", 1L, null, 100L));
        List<PartialAggregation.Call> calls = List.of(new PartialAggregation.Call(PartialAggregation.Op.SUM, 4),
                new PartialAggregation.Call(PartialAggregation.Op.MAX, 4));
        assertThat(fold(WIDER, List.of(), calls, rows).get(0)).containsExactly(5 * 7L + 100L, 100L);
    }

    @Test
    void anEmptyPageFoldsIntoNothing() {
        assertThat(fold(TABLE, List.of(), CALLS, List.of())).isEmpty();
    }

    @Test
    void aSumBeyondBigintIsOutOfRange() {
        List<KvEntry> rows = List.of(row(TABLE, Long.MAX_VALUE, "a", 1L, null), row(TABLE, 1L, "a", 1L, null));
        List<PartialAggregation.Call> sumOfKeys = List.of(new PartialAggregation.Call(PartialAggregation.Op.SUM, 0));
        assertThatThrownBy(() -> fold(TABLE, List.of(), sumOfKeys, rows))
                .isInstanceOfSatisfying(ShardSqlException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE));
    }

    @Test
    void malformedProgramsAreRefused() {
        byte[] program = PartialAggregation.program(TABLE, List.of(1), CALLS);
        assertThat(PartialAggregation.isProgram(program)).isTrue();
        assertThat(ShardPrograms.compile(program)).isInstanceOf(PartialAggregation.class);
        for (int cut = 1; cut < program.length; cut++) {
            byte[] truncated = Arrays.copyOf(program, cut);
            assertThatThrownBy(() -> PartialAggregation.compile(truncated)).isInstanceOf(ShardSqlException.class);
        }
        byte[] trailing = Arrays.copyOf(program, program.length + 1);
        assertThatThrownBy(() -> PartialAggregation.compile(trailing)).hasMessageContaining("trailing");
    }

    @Test
    void onlyWhatTheShardsComputeExactlyIsSupported() {
        assertThat(PartialAggregation.supports(PartialAggregation.Op.SUM, SqlType.of(SqlType.Kind.DOUBLE))).isFalse();
        assertThat(PartialAggregation.supports(PartialAggregation.Op.MIN, SqlType.of(SqlType.Kind.CHAR))).isFalse();
        assertThat(PartialAggregation.supports(PartialAggregation.Op.COUNT, SqlType.of(SqlType.Kind.DOUBLE))).isTrue();
        assertThat(PartialAggregation.groupable(SqlType.of(SqlType.Kind.DOUBLE))).isFalse();
    }
}
