package io.shardsql.sql.rows;

import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.storage.keys.KeyOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-style: for random rows (NULLs, equal values, strings that are prefixes of each other or hold
 * {@code \0}), index entries sorted as unsigned bytes come out in the index's declared order, for every
 * combination of ASC / DESC and NULLS FIRST / LAST, and decode back to the values.
 */
@Timeout(60)
class IndexOrderKeysTest {
    private static final SqlType BIGINT = SqlType.of(SqlType.Kind.BIGINT);
    private static final TableDef T = new TableDef(7, "t", List.of(
            new ColumnDef(1, "id", BIGINT, false, null),
            new ColumnDef(2, "a", BIGINT, true, null),
            new ColumnDef(3, "s", SqlType.varchar(0), true, null)), List.of(1), List.of(), 4);
    private static final String[] STRINGS = {"", "a", "ab", "a\0", "a\0b", "b", "\0", "é", "ab\0\0", "zz"};

    @Test
    void entriesSortAsTheDeclaredOrderForEveryCombination() {
        Random random = new Random(42);
        for (KeyOrder first : KeyOrder.values()) {
            for (KeyOrder second : KeyOrder.values()) {
                for (boolean unique : new boolean[] {false, true}) {
                    IndexDef ix = new IndexDef(20, "ix", unique, List.of(2, 3), IndexDef.State.PUBLIC, false,
                            List.of(first, second));
                    check(ix, rows(random, 300, unique));
                }
            }
        }
    }

    private static List<Object[]> rows(Random random, int n, boolean unique) {
        List<Object[]> rows = new ArrayList<>();
        java.util.Set<List<Object>> seen = new java.util.HashSet<>();
        for (long id = 0; rows.size() < n; id++) {
            Long a = random.nextInt(8) == 0 ? null : (long) (random.nextInt(11) - 5) * (random.nextBoolean() ? 1
                    : Long.MAX_VALUE / 7);
            String s = random.nextInt(8) == 0 ? null : STRINGS[random.nextInt(STRINGS.length)];
            if (unique && a != null && s != null && !seen.add(Arrays.asList(a, s))) continue;
            rows.add(new Object[] {id, a, s});
        }
        return rows;
    }

    private static void check(IndexDef ix, List<Object[]> rows) {
        List<byte[]> keys = new ArrayList<>();
        for (Object[] row : rows) {
            IndexKeys.Entry e = IndexKeys.entry(T, ix, row, RowKeys.key(T, new Object[] {row[0]}));
            keys.add(e.key());
            assertThat(IndexKeys.decodeValues(T, ix, e.key())).containsExactly(row[1], row[2]);
            assertThat(IndexKeys.rowKey(T, ix, e.key(), e.value())).isEqualTo(RowKeys.key(T, new Object[] {row[0]}));
        }
        List<Integer> byKey = sortedPositions(rows.size(), (x, y) -> Arrays.compareUnsigned(keys.get(x), keys.get(y)));
        Comparator<Object[]> declared = Comparator.<Object[], Long>comparing(r -> (Long) r[1], sql(ix.order(0),
                Long::compare)).thenComparing(r -> (String) r[2], sql(ix.order(1), IndexOrderKeysTest::utf8));
        for (int i = 1; i < byKey.size(); i++) {
            Object[] before = rows.get(byKey.get(i - 1));
            Object[] after = rows.get(byKey.get(i));
            assertThat(declared.compare(before, after)).as("%s: %s then %s", ix.orders(), Arrays.toString(before),
                    Arrays.toString(after)).isLessThanOrEqualTo(0);
        }
    }

    private static List<Integer> sortedPositions(int n, Comparator<Integer> c) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < n; i++) positions.add(i);
        positions.sort(c);
        return positions;
    }

    /** SQL order of one column in {@code order}: values by {@code c} (reversed if DESC), NULLs first or last. */
    private static <V> Comparator<V> sql(KeyOrder order, Comparator<V> c) {
        Comparator<V> values = order.isDescending() ? c.reversed() : c;
        return order.nullsFirst() ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
    }

    private static int utf8(String x, String y) {
        return Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
    }
}
