package io.shardsql.sql.rows;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogCodec;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.storage.Bytes;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowCodecTest {
    private static final SqlType BIGINT = SqlType.of(SqlType.Kind.BIGINT);

    private final TableDef orders = new TableDef(7, "orders", List.of(
            new ColumnDef(1, "region", SqlType.varchar(10), false, null),
            new ColumnDef(2, "id", BIGINT, false, null),
            new ColumnDef(3, "amount", SqlType.decimal(10, 2), true, null),
            new ColumnDef(4, "paid", SqlType.of(SqlType.Kind.BOOLEAN), true, Boolean.FALSE),
            new ColumnDef(5, "day", SqlType.of(SqlType.Kind.DATE), true, null),
            new ColumnDef(6, "at", SqlType.of(SqlType.Kind.TIMESTAMP), true, null),
            new ColumnDef(7, "t", SqlType.of(SqlType.Kind.TIME), true, null),
            new ColumnDef(8, "ratio", SqlType.of(SqlType.Kind.DOUBLE), true, null),
            new ColumnDef(9, "blob", SqlType.of(SqlType.Kind.VARBINARY), true, null)),
            List.of(1, 2), List.of(), 10);

    private Object[] sampleRow() {
        return new Object[] {"eu", 42L, new BigDecimal("12.50"), true, LocalDate.of(2026, 11, 25),
                LocalDateTime.of(2026, 11, 25, 8, 0, 1), LocalTime.of(23, 59), 0.25, new byte[] {1, 2, 3}};
    }

    @Test
    void aRowRoundTripsThroughItsKeyAndValue() {
        Object[] row = sampleRow();
        byte[] key = RowKeys.key(orders, new Object[] {"eu", 42L});
        Object[] back = RowCodec.decode(orders, key, RowCodec.encode(orders, row));
        assertThat(back).usingRecursiveComparison().isEqualTo(new Object[] {"eu", 42L, new BigDecimal("12.5"), true,
                LocalDate.of(2026, 11, 25), LocalDateTime.of(2026, 11, 25, 8, 0, 1), LocalTime.of(23, 59), 0.25, new byte[] {1, 2, 3}});
    }

    @Test
    void nullsRoundTrip() {
        Object[] row = {"eu", 1L, null, null, null, null, null, null, null};
        byte[] key = RowKeys.key(orders, new Object[] {"eu", 1L});
        assertThat(RowCodec.decode(orders, key, RowCodec.encode(orders, row))).containsExactly(row);
    }

    @Test
    void rowKeysSortByPrimaryKeyAndStayInsideTheTableRange() {
        byte[] a = RowKeys.key(orders, new Object[] {"eu", 2L});
        byte[] b = RowKeys.key(orders, new Object[] {"eu", 10L});
        byte[] c = RowKeys.key(orders, new Object[] {"us", -5L});
        assertThat(Bytes.compare(a, b)).isNegative();
        assertThat(Bytes.compare(b, c)).isNegative();
        for (byte[] k : List.of(a, b, c)) {
            assertThat(Bytes.compare(RowKeys.tableStart(7), k)).isNegative();
            assertThat(Bytes.compare(k, RowKeys.tableEnd(7))).isNegative();
        }
        assertThat(RowKeys.primaryKey(orders, c)).containsExactly("us", -5L);
    }

    @Test
    void aNullPrimaryKeyIsRefused() {
        assertThatThrownBy(() -> RowKeys.key(orders, new Object[] {null, 1L}))
                .isInstanceOfSatisfying(ShardSqlException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_NULL_VIOLATION));
    }

    @Test
    void addingAndDroppingColumnsNeverRewritesRows() {
        byte[] key = RowKeys.key(orders, new Object[] {"eu", 42L});
        byte[] stored = RowCodec.encode(orders, sampleRow());
        TableDef added = orders.withColumn(new ColumnDef(10, "note", SqlType.varchar(0), true, "none"));
        Object[] withNew = RowCodec.decode(added, key, stored);
        assertThat(withNew[withNew.length - 1]).isEqualTo("none"); // the default for rows written before
        TableDef dropped = orders.withoutColumn(3);
        Object[] withoutAmount = RowCodec.decode(dropped, key, stored);
        assertThat(withoutAmount).hasSize(8);
        assertThat(withoutAmount[2]).isEqualTo(true);
    }

    @Test
    void tablesWithoutADeclaredKeyUseAHiddenRowId() {
        TableDef log = new TableDef(9, "log", List.of(new ColumnDef(1, "msg", SqlType.varchar(0), true, null)), List.of(), List.of(), 2);
        byte[] key = RowKeys.key(log, new Object[] {123L});
        Object[] row = RowCodec.decode(log, key, RowCodec.encode(log, new Object[] {"hello"}));
        assertThat(row).containsExactly("hello");
        assertThat(RowKeys.primaryKey(log, key)).containsExactly(123L);
    }

    @Test
    void damagedValuesAreReportedAsCorruption() {
        byte[] key = RowKeys.key(orders, new Object[] {"eu", 42L});
        byte[] stored = RowCodec.encode(orders, sampleRow());
        byte[] truncated = java.util.Arrays.copyOf(stored, stored.length - 3);
        assertThatThrownBy(() -> RowCodec.decode(orders, key, truncated))
                .isInstanceOfSatisfying(ShardSqlException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_CORRUPTED));
    }

    @Test
    void tableDefinitionsRoundTrip() {
        TableDef t = orders.withIndexes(List.of(new IndexDef(8, "orders_by_day", false, List.of(5), IndexDef.State.PUBLIC),
                new IndexDef(11, "orders_ref", true, List.of(1, 8), IndexDef.State.WRITE_ONLY)));
        assertThat(CatalogCodec.decode(CatalogCodec.encode(t))).isEqualTo(t);
        assertThatThrownBy(() -> CatalogCodec.decode(new byte[] {1, 0, 0}))
                .isInstanceOfSatisfying(ShardSqlException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_CORRUPTED));
    }

    @Test
    void mentionsTellsWhetherARowHoldsAColumn() {
        TableDef before = new TableDef(9, "m", List.of(new ColumnDef(1, "id", BIGINT, false, null),
                new ColumnDef(2, "s", SqlType.varchar(0), true, null)), List.of(1), List.of(), 3);
        byte[] old = RowCodec.encode(before, new Object[] {1L, "a value long enough to skip"});
        TableDef after = before.withColumn(new ColumnDef(3, "k", BIGINT, true, 7L));
        byte[] fresh = RowCodec.encode(after, new Object[] {2L, null, 8L});
        assertThat(RowCodec.mentions(old, 2)).isTrue();
        assertThat(RowCodec.mentions(old, 3)).isFalse();
        assertThat(RowCodec.mentions(old, 1)).isFalse(); // a key column lives in the key
        assertThat(RowCodec.mentions(fresh, 3)).isTrue();
        assertThat(RowCodec.mentions(fresh, 2)).isTrue();
        assertThat(RowCodec.decode(after, RowKeys.key(after, new Object[] {1L}), old)[2]).isEqualTo(7L);
    }
}
