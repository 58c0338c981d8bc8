package io.shardsql.sql.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Table definitions survive encoding; constraints use format 3, a table without them keeps format 2. */
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
