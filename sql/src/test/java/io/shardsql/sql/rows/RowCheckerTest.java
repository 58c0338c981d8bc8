package io.shardsql.sql.rows;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowCheckerTest {
    private final TableDef t = new TableDef(3, "t", List.of(
            new ColumnDef(1, "id", SqlType.of(SqlType.Kind.INTEGER), false, null),
            new ColumnDef(2, "name", SqlType.varchar(3), true, null),
            new ColumnDef(3, "code", new SqlType(SqlType.Kind.CHAR, 2, 0), true, null),
            new ColumnDef(4, "price", SqlType.decimal(5, 2), true, null),
            new ColumnDef(5, "small", SqlType.of(SqlType.Kind.SMALLINT), true, null),
            new ColumnDef(6, "any", SqlType.decimal(0, 0), true, null),
            new ColumnDef(7, "bin", new SqlType(SqlType.Kind.VARBINARY, 2, 0), true, null)),
            List.of(1), List.of(), 8);

    @Test
    void valuesAreNormalized() {
        Object[] r = RowChecker.row(t, new Object[] {1, "abc", "xy  ", new BigDecimal("1.005"), (short) 3, new BigDecimal("1e40"), new byte[2]});
        assertThat(r[0]).isEqualTo(1L);
        assertThat(r[2]).isEqualTo("xy");
        assertThat(r[3]).isEqualTo(new BigDecimal("1.01"));
        assertThat(r[4]).isEqualTo(3L);
        assertThat(r[5]).isEqualTo(new BigDecimal("1e40"));
    }

    @Test
    void eachViolationHasItsSqlState() {
        assertCode(new Object[] {null, null, null, null, null, null, null}, ErrorCode.NOT_NULL_VIOLATION, "23502");
        assertCode(new Object[] {1L, "abcd", null, null, null, null, null}, ErrorCode.STRING_DATA_RIGHT_TRUNCATION, "22001");
        assertCode(new Object[] {1L, null, "xyz", null, null, null, null}, ErrorCode.STRING_DATA_RIGHT_TRUNCATION, "22001");
        assertCode(new Object[] {1L, null, null, null, null, null, new byte[3]}, ErrorCode.STRING_DATA_RIGHT_TRUNCATION, "22001");
        assertCode(new Object[] {1L, null, null, new BigDecimal("1000"), null, null, null}, ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "22003");
        assertCode(new Object[] {1L, null, null, new BigDecimal("999.995"), null, null, null}, ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "22003");
        assertCode(new Object[] {1L, null, null, null, 40_000L, null, null}, ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "22003");
        assertCode(new Object[] {1L << 40, null, null, null, null, null, null}, ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "22003");
        assertCode(new Object[] {1L, 5L, null, null, null, null, null}, ErrorCode.DATATYPE_MISMATCH, "42804");
    }

    @Test
    void aShortCharValueIsPaddedToItsLength() {
        assertThat(RowChecker.row(t, new Object[] {1L, null, "x", null, null, null, null})[2]).isEqualTo("x ");
        assertThat(RowChecker.row(t, new Object[] {1L, null, "", null, null, null, null})[2]).isEqualTo("  ");
    }

    @Test
    void theLargestDecimalThatFitsIsTaken() {
        assertThat(RowChecker.row(t, new Object[] {1L, null, null, new BigDecimal("999.994"), null, null, null})[3])
                .isEqualTo(new BigDecimal("999.99"));
    }

    private void assertCode(Object[] row, ErrorCode code, String sqlState) {
        assertThatThrownBy(() -> RowChecker.row(t, row)).isInstanceOfSatisfying(ShardSqlException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.code().sqlState()).isEqualTo(sqlState);
        });
    }
}
