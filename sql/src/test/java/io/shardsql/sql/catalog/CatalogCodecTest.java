package io.shardsql.sql.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Table definitions survive encoding; constraints use format 3, foreign keys format 4, a table without them keeps
 * format 2 (or 3), byte for byte.
 */
class CatalogCodecTest {
    private static final SqlType INT = SqlType.of(SqlType.Kind.INTEGER);
    private static final List<ColumnDef> COLUMNS = List.of(new ColumnDef(1, "id", INT, false, null),
            new ColumnDef(2, "qty", INT, true, null), new ColumnDef(3, "code", SqlType.varchar(0), true, null));

    @Test
    void aTableWithoutConstraintsIsWrittenInFormat2() {
        TableDef t = new TableDef(7, "t", COLUMNS, List.of(1),
                List.of(new IndexDef(8, "t_code_idx", false, List.of(3), IndexDef.State.PUBLIC)), 4);
        byte[] bytes = CatalogCodec.encode(t);
        assertThat(bytes[0]).isEqualTo((byte) 2);
        assertThat(CatalogCodec.decode(bytes)).isEqualTo(t);
    }

    @Test
    void checksAndConstraintIndexesRoundTripInFormat3() {
        TableDef t = new TableDef(7, "t", COLUMNS, List.of(1),
                List.of(new IndexDef(8, "t_code_key", true, List.of(3), IndexDef.State.PUBLIC, true),
                        new IndexDef(9, "t_plain", true, List.of(2, 3), IndexDef.State.WRITE_ONLY)), 4,
                List.of(new CheckDef("t_qty_check", "qty >= 0", List.of(2)),
                        new CheckDef("t_check", "upper(code) = code AND qty < 'é' || ''", List.of(2, 3))));
        byte[] bytes = CatalogCodec.encode(t);
        assertThat(bytes[0]).isEqualTo((byte) 3);
        TableDef back = CatalogCodec.decode(bytes);
        assertThat(back).isEqualTo(t);
        assertThat(back.indexes().get(0).constraint()).isTrue();
        assertThat(back.indexes().get(1).constraint()).isFalse();
        assertThat(back.check("t_check")).isPresent();
    }

    @Test
    void everyWithKeepsTheChecks() {
        CheckDef check = new CheckDef("t_qty_check", "qty >= 0", List.of(2));
        TableDef t = new TableDef(7, "t", COLUMNS, List.of(1), List.of(), 4, List.of(check));
        assertThat(t.withColumn(new ColumnDef(4, "n", INT, true, null)).checks()).containsExactly(check);
        assertThat(t.withoutColumn(3).checks()).containsExactly(check);
        assertThat(t.withIndexes(List.of()).checks()).containsExactly(check);
        assertThat(t.withChecks(List.of()).checks()).isEmpty();
    }

    @Test
    void foreignKeysRoundTripInFormat4AndATableWithoutKeepsItsBytes() {
        CheckDef check = new CheckDef("t_qty_check", "qty >= 0", List.of(2));
        TableDef without = new TableDef(7, "t", COLUMNS, List.of(1), List.of(), 4, List.of(check));
        byte[] before = CatalogCodec.encode(without);
        assertThat(before[0]).isEqualTo((byte) 3);
        ForeignKeyDef fk = new ForeignKeyDef("t_qty_code_fkey", List.of(2, 3), 11, List.of(5, 4),
                ForeignKeyDef.Action.CASCADE, ForeignKeyDef.Action.RESTRICT);
        ForeignKeyDef self = new ForeignKeyDef("t_self", List.of(2), 7, List.of(1), ForeignKeyDef.Action.SET_NULL,
                ForeignKeyDef.Action.NO_ACTION);
        TableDef with = without.withForeignKeys(List.of(fk, self));
        byte[] bytes = CatalogCodec.encode(with);
        assertThat(bytes[0]).isEqualTo((byte) 4);
        TableDef back = CatalogCodec.decode(bytes);
        assertThat(back).isEqualTo(with);
        assertThat(back.foreignKey("t_self")).contains(self);
        assertThat(CatalogCodec.encode(back.withForeignKeys(List.of()))).isEqualTo(before);
    }

    @Test
    void everyWithKeepsTheForeignKeys() {
        ForeignKeyDef fk = new ForeignKeyDef("t_qty_fkey", List.of(2), 11, List.of(1), ForeignKeyDef.Action.NO_ACTION,
                ForeignKeyDef.Action.NO_ACTION);
        TableDef t = new TableDef(7, "t", COLUMNS, List.of(1), List.of(), 4, List.of(), List.of(fk));
        assertThat(t.withColumn(new ColumnDef(4, "n", INT, true, null)).foreignKeys()).containsExactly(fk);
        assertThat(t.withoutColumn(3).foreignKeys()).containsExactly(fk);
        assertThat(t.withIndexes(List.of()).foreignKeys()).containsExactly(fk);
        assertThat(t.withChecks(List.of()).foreignKeys()).containsExactly(fk);
        assertThat(t.withIdAndName(9, "u").foreignKeys()).containsExactly(fk);
        assertThat(t.withColumns(COLUMNS).foreignKeys()).containsExactly(fk);
    }

    @Test
    void newTypesRoundTripByNameAndDefaultsKeepTheirValues() {
        TableDef t = new TableDef(7, "t", List.of(new ColumnDef(1, "id", INT, false, null),
                new ColumnDef(2, "at", SqlType.of(SqlType.Kind.TIMESTAMPTZ), true,
                        java.time.Instant.parse("2024-02-29T11:45:30.25Z")),
                new ColumnDef(3, "j", SqlType.of(SqlType.Kind.JSON), true, "{\"a\": 1}"),
                new ColumnDef(4, "b", SqlType.of(SqlType.Kind.JSONB), true, null)), List.of(1), List.of(), 5);
        byte[] bytes = CatalogCodec.encode(t);
        assertThat(bytes[0]).isEqualTo((byte) 2); // no new format: kinds are stored by name
        assertThat(CatalogCodec.decode(bytes)).isEqualTo(t);
    }

    @Test
    void indexDirectionsRoundTripAndAnIndexWithoutThemKeepsItsBytes() {
        IndexDef plain = new IndexDef(8, "t_code_idx", true, List.of(3, 2), IndexDef.State.PUBLIC);
        IndexDef explicitAsc = new IndexDef(8, "t_code_idx", true, List.of(3, 2), IndexDef.State.PUBLIC, false,
                List.of(io.shardsql.storage.keys.KeyOrder.ASC, io.shardsql.storage.keys.KeyOrder.ASC));
        byte[] plainBytes = CatalogCodec.encode(new TableDef(7, "t", COLUMNS, List.of(1), List.of(plain), 4));
        assertThat(CatalogCodec.encode(new TableDef(7, "t", COLUMNS, List.of(1), List.of(explicitAsc), 4)))
                .isEqualTo(plainBytes);
        // the flags byte of an all-ASC index is the old unique boolean: 0x01 here
        assertThat(plainBytes).containsSubsequence(new byte[] {'t', '_', 'i', 'd', 'x', 1, 0, 6});
        for (io.shardsql.storage.keys.KeyOrder a : io.shardsql.storage.keys.KeyOrder.values()) {
            for (io.shardsql.storage.keys.KeyOrder b : io.shardsql.storage.keys.KeyOrder.values()) {
                for (boolean constraint : new boolean[] {false, true}) {
                    IndexDef ix = new IndexDef(8, "i", true, List.of(3, 2), IndexDef.State.WRITE_ONLY, constraint,
                            List.of(a, b));
                    TableDef t = new TableDef(7, "t", COLUMNS, List.of(1), List.of(ix), 4);
                    assertThat(CatalogCodec.decode(CatalogCodec.encode(t))).isEqualTo(t);
                }
            }
        }
    }
}
