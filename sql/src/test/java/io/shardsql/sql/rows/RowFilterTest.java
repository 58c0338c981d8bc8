package io.shardsql.sql.rows;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowFilterTest {
    private static final ColumnDef ID = new ColumnDef(1, "id", SqlType.of(SqlType.Kind.BIGINT), false, null);
    private static final ColumnDef N = new ColumnDef(2, "n", SqlType.of(SqlType.Kind.INTEGER), true, null);
    private static final ColumnDef AMOUNT = new ColumnDef(3, "amount", SqlType.decimal(10, 2), true, null);
    private static final ColumnDef NAME = new ColumnDef(4, "name", SqlType.varchar(20), true, null);
    private static final ColumnDef DAY = new ColumnDef(5, "day", SqlType.of(SqlType.Kind.DATE), true, null);
    private static final ColumnDef RATIO = new ColumnDef(6, "ratio", SqlType.of(SqlType.Kind.DOUBLE), true, null);
    private static final ColumnDef LEVEL = new ColumnDef(7, "level", SqlType.of(SqlType.Kind.INTEGER), true, 7L);

    private static final TableDef TABLE = new TableDef(9, "t", List.of(ID, N, AMOUNT, NAME, DAY, RATIO), List.of(1), List.of(), 7);
    /** The table after ADD COLUMN level DEFAULT 7: rows written before do not mention it. */
    private static final TableDef WIDER = TABLE.withColumn(LEVEL);

    private static byte[] row(Long n, String amount, String name, LocalDate day, Double ratio) {
        return RowCodec.encode(TABLE, new Object[] {1L, n, amount == null ? null : new BigDecimal(amount), name, day, ratio});
    }

    private static final byte[] KEY = RowKeys.key(TABLE, new Object[] {1L});

    private static boolean keeps(RowFilter.Builder b, byte[] value) {
        return RowFilter.compile(b.build()).keep(KEY, value);
    }

    @Test
    void comparisonsFollowSqlOnEachType() {
        byte[] r = row(10L, "1.50", "apple", LocalDate.of(2024, 1, 1), 0.5);
        assertThat(keeps(new RowFilter.Builder().term().atom(N, RowFilter.Op.EQ, 10L), r)).isTrue();
        assertThat(keeps(new RowFilter.Builder().term().atom(N, RowFilter.Op.NE, 10L), r)).isFalse();
        assertThat(keeps(new RowFilter.Builder().term().atom(N, RowFilter.Op.LT, 11L), r)).isTrue();
        assertThat(keeps(new RowFilter.Builder().term().atom(N, RowFilter.Op.GT, 10L), r)).isFalse();
        assertThat(keeps(new RowFilter.Builder().term().atom(N, RowFilter.Op.GE, 10L), r)).isTrue();
        assertThat(keeps(new RowFilter.Builder().term().atom(AMOUNT, RowFilter.Op.EQ, new BigDecimal("1.5")), r))
                .as("decimals compare by value").isTrue();
        assertThat(keeps(new RowFilter.Builder().term().atom(NAME, RowFilter.Op.LT, "b"), r)).isTrue();
        assertThat(keeps(new RowFilter.Builder().term().atom(NAME, RowFilter.Op.EQ, "Apple"), r)).isFalse();
        assertThat(keeps(new RowFilter.Builder().term().atom(DAY, RowFilter.Op.LE, LocalDate.of(2024, 1, 1)), r)).isTrue();
        assertThat(keeps(new RowFilter.Builder().term().atom(RATIO, RowFilter.Op.GT, 0.25), r)).isTrue();
    }

    @Test
    void aProjectionSendsOnlyTheNamedColumnsAndTheRestDecodeAsDefaults() {
        byte[] r = row(10L, "1.50", "apple", LocalDate.of(2024, 1, 1), 0.5);
        RowFilter onlyProjects = RowFilter.compile(new RowFilter.Builder().project(List.of(RATIO, NAME)).build());
        assertThat(onlyProjects.keep(KEY, r)).isTrue();
        byte[] shaped = onlyProjects.shape(r);
        assertThat(shaped.length).isLessThan(r.length);
        Object[] decoded = RowCodec.decode(TABLE, KEY, shaped);
        assertThat(decoded[0]).isEqualTo(1L); // the key comes from the key
        assertThat(decoded[3]).isEqualTo("apple");
        assertThat(decoded[5]).isEqualTo(0.5);
        assertThat(decoded[1]).isNull(); // not sent: its default
        assertThat(decoded[2]).isNull();

        // with a test too; a column the row does not hold stays absent; nothing projected away: the same bytes
        RowFilter both = RowFilter.compile(new RowFilter.Builder().term().atom(N, RowFilter.Op.EQ, 10L).project(List.of(N, LEVEL)).build());
        assertThat(both.keep(KEY, r)).isTrue();
        Object[] wider = RowCodec.decode(WIDER, KEY, both.shape(r));
        assertThat(wider[1]).isEqualTo(10L);
        assertThat(wider[6]).isEqualTo(7L);
        RowFilter everything = RowFilter.compile(new RowFilter.Builder().project(List.of(N, AMOUNT, NAME, DAY, RATIO)).build());
        assertThat(everything.shape(r)).isSameAs(r);
        assertThat(new RowFilter.Builder().isEmpty()).isTrue();
        assertThat(new RowFilter.Builder().project(List.of()).isEmpty()).isFalse();
    }

    @Test
    void aTestOfNullIsUnknownAndDropsTheRowUnlessItAsksForNull() {
        byte[] r = row(null, null, null, null, Double.NaN);
        assertThat(keeps(new RowFilter.Builder().term().atom(N, RowFilter.Op.EQ, 10L), r)).isFalse();
        assertThat(keeps(new RowFilter.Builder().term().atom(N, RowFilter.Op.NE, 10L), r)).isFalse();
        assertThat(keeps(new RowFilter.Builder().term().atom(N, RowFilter.Op.IS_NULL, null), r)).isTrue();
        assertThat(keeps(new RowFilter.Builder().term().atom(N, RowFilter.Op.IS_NOT_NULL, null), r)).isFalse();
        // NaN is unordered, as in Calcite's generated comparisons
        assertThat(keeps(new RowFilter.Builder().term().atom(RATIO, RowFilter.Op.EQ, Double.NaN), r)).isFalse();
        assertThat(keeps(new RowFilter.Builder().term().atom(RATIO, RowFilter.Op.NE, 1.0), r)).isTrue();
    }

    @Test
    void termsAreAndedAndTheAtomsOfATermOred() {
        byte[] r = row(10L, "1.50", "apple", null, null);
        RowFilter.Builder both = new RowFilter.Builder()
                .term().atom(N, RowFilter.Op.EQ, 30L).atom(NAME, RowFilter.Op.EQ, "apple")
                .term().atom(AMOUNT, RowFilter.Op.GT, BigDecimal.ONE);
        assertThat(keeps(both, r)).isTrue();
        RowFilter.Builder second = new RowFilter.Builder()
                .term().atom(N, RowFilter.Op.EQ, 30L).atom(NAME, RowFilter.Op.EQ, "apple")
                .term().atom(AMOUNT, RowFilter.Op.GT, BigDecimal.TEN);
        assertThat(keeps(second, r)).isFalse();
        assertThat(keeps(new RowFilter.Builder().term().atom(N, RowFilter.Op.EQ, 30L).atom(DAY, RowFilter.Op.IS_NULL, null), r)).isTrue();
    }

    @Test
    void aColumnTheStoredRowDoesNotMentionHasItsDefault() {
        byte[] old = row(10L, null, null, null, null);
        assertThat(RowFilter.compile(new RowFilter.Builder().term().atom(LEVEL, RowFilter.Op.EQ, 7L).build()).keep(KEY, old)).isTrue();
        assertThat(RowFilter.compile(new RowFilter.Builder().term().atom(LEVEL, RowFilter.Op.GT, 7L).build()).keep(KEY, old)).isFalse();
        byte[] newer = RowCodec.encode(WIDER, new Object[] {1L, 10L, null, null, null, null, 8L});
        assertThat(RowFilter.compile(new RowFilter.Builder().term().atom(LEVEL, RowFilter.Op.GT, 7L).build()).keep(KEY, newer)).isTrue();
    }

    @Test
    void columnsWhoseStoredValuesDoNotCompareAsSqlDoesCannotBeTested() {
        ColumnDef code = new ColumnDef(8, "code", SqlType.of(SqlType.Kind.CHAR), true, null);
        assertThat(RowFilter.testable(code.type())).isFalse();
        assertThatThrownBy(() -> new RowFilter.Builder().term().atom(code, RowFilter.Op.EQ, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RowFilter.Builder().term().atom(N, RowFilter.Op.EQ, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMalformedProgramIsRefused() {
        byte[] good = new RowFilter.Builder().term().atom(N, RowFilter.Op.EQ, 10L).build();
        for (byte[] bad : List.of(new byte[0], new byte[] {9}, Arrays.copyOf(good, good.length - 1), Arrays.copyOf(good, good.length + 1))) {
            assertThatThrownBy(() -> RowFilter.compile(bad)).isInstanceOfSatisfying(ShardSqlException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_COMMAND));
        }
    }
}
