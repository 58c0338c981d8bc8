package io.shardsql.storage.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded random properties: for every type and every {@link KeyOrder}, unsigned byte order of the
 * encodings is the SQL order of the values (NULLs included), and every value reads back; the same for
 * composite keys of random schemas. A failure names the seed to replay it with.
 */
class KeyPropertyTest {
    private static final int PAIRS_PER_TYPE = 4000;
    private static final int COMPOSITE_SCHEMAS = 400;
    private static final int PAIRS_PER_SCHEMA = 20;
    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "{0}")
    @EnumSource(KeyType.class)
    void byteOrderIsSqlOrderAndValuesRoundTrip(KeyType type) {
        long seed = Seeds.next();
        Random r = new Random(seed);
        ValueDomain domain = ValueDomains.of(type);
        KeyWriter writer = new KeyWriter(16);
        for (int i = 0; i < PAIRS_PER_TYPE; i++) {
            Object a = domain.randomOrNull(r, 12);
            Object b = r.nextInt(3) == 0 ? domain.randomOrNull(r, 12) : domain.nearOrNull(r, a, 12);
            for (KeyOrder order : KeyOrder.values()) {
                byte[] ka = writer.reset().write(type, a, order).toByteArray();
                byte[] kb = writer.reset().write(type, b, order).toByteArray();
                int expected = domain.compare(a, b, order);
                assertThat(Integer.signum(Arrays.compareUnsigned(ka, kb)))
                        .as(() -> Seeds.describe(seed) + ": " + type + " " + order + " compare " + ValueDomains.show(a)
                                + " [" + HEX.formatHex(ka) + "] with " + ValueDomains.show(b) + " [" + HEX.formatHex(kb) + "]")
                        .isEqualTo(expected);
                assertReadsBack(seed, domain, a, order, ka);
            }
        }
    }

    @Test
    void compositeKeysCompareComponentByComponentAndReadBack() {
        long seed = Seeds.next();
        Random r = new Random(seed);
        KeyType[] allTypes = KeyType.values();
        KeyOrder[] allOrders = KeyOrder.values();
        KeyWriter writer = new KeyWriter();
        for (int s = 0; s < COMPOSITE_SCHEMAS; s++) {
            int columns = 1 + r.nextInt(4);
            ValueDomain[] domains = new ValueDomain[columns];
            KeyOrder[] orders = new KeyOrder[columns];
            for (int c = 0; c < columns; c++) {
                domains[c] = ValueDomains.of(allTypes[r.nextInt(allTypes.length)]);
                orders[c] = allOrders[r.nextInt(allOrders.length)];
            }
            for (int i = 0; i < PAIRS_PER_SCHEMA; i++) {
                int idA = r.nextInt(3);
                int idB = r.nextInt(4) == 0 ? r.nextInt(3) : idA;
                Object[] a = new Object[columns];
                for (int c = 0; c < columns; c++) a[c] = domains[c].randomOrNull(r, 6);
                Object[] b = a.clone();
                int changed = r.nextInt(columns); // equal before this column, close at it, random after it
                b[changed] = domains[changed].nearOrNull(r, a[changed], 6);
                for (int c = changed + 1; c < columns; c++) b[c] = domains[c].randomOrNull(r, 6);

                byte[] ka = encodeRow(writer, idA, domains, orders, a);
                byte[] kb = encodeRow(writer, idB, domains, orders, b);
                int expected = Integer.compare(idA, idB);
                for (int c = 0; c < columns && expected == 0; c++) expected = domains[c].compare(a[c], b[c], orders[c]);
                int expectedSign = expected;
                assertThat(Integer.signum(Arrays.compareUnsigned(ka, kb)))
                        .as(() -> Seeds.describe(seed) + ": schema " + describe(domains, orders) + " compare "
                                + idA + showRow(a) + " [" + HEX.formatHex(ka) + "] with " + idB + showRow(b) + " [" + HEX.formatHex(kb) + "]")
                        .isEqualTo(expectedSign);

                KeyReader reader = new KeyReader(ka);
                assertThat(reader.readId()).isEqualTo(idA);
                for (int c = 0; c < columns; c++) {
                    Object back = reader.read(domains[c].type(), orders[c]);
                    int column = c;
                    assertThat(domains[c].compare(back, a[c], orders[c]))
                            .as(() -> Seeds.describe(seed) + ": column " + column + " of " + showRow(a) + " read back as " + ValueDomains.show(back))
                            .isZero();
                }
                reader.expectEnd();

                KeyReader skipping = new KeyReader(ka);
                skipping.readId();
                for (int c = 0; c < columns - 1; c++) skipping.skip(domains[c].type(), orders[c]);
                assertThat(domains[columns - 1].compare(skipping.read(domains[columns - 1].type(), orders[columns - 1]), a[columns - 1], orders[columns - 1]))
                        .as(() -> Seeds.describe(seed) + ": last column after skipping the others, row " + showRow(a))
                        .isZero();
                skipping.expectEnd();
            }
        }
    }

    @Test
    void sortingKeysSortsRows() {
        long seed = Seeds.next();
        Random r = new Random(seed);
        ValueDomain[] domains = {ValueDomains.of(KeyType.STRING), ValueDomains.of(KeyType.DECIMAL),
            ValueDomains.of(KeyType.DOUBLE), ValueDomains.of(KeyType.TIMESTAMP)};
        KeyOrder[] orders = {KeyOrder.ASC, KeyOrder.DESC, KeyOrder.ASC_NULLS_FIRST, KeyOrder.DESC_NULLS_LAST};
        KeyWriter writer = new KeyWriter();
        List<Object[]> rows = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Object[] row = new Object[domains.length];
            Object[] base = rows.isEmpty() || r.nextBoolean() ? null : rows.get(r.nextInt(rows.size()));
            for (int c = 0; c < domains.length; c++) {
                row[c] = base != null && r.nextInt(3) > 0 ? base[c] : domains[c].randomOrNull(r, 8); // shared prefixes
            }
            rows.add(row);
            keys.add(encodeRow(writer, 1, domains, orders, row));
        }
        Integer[] byKey = new Integer[rows.size()];
        for (int i = 0; i < byKey.length; i++) byKey[i] = i;
        Arrays.sort(byKey, (x, y) -> Arrays.compareUnsigned(keys.get(x), keys.get(y)));
        for (int i = 1; i < byKey.length; i++) {
            Object[] prev = rows.get(byKey[i - 1]);
            Object[] cur = rows.get(byKey[i]);
            int cmp = 0;
            for (int c = 0; c < domains.length && cmp == 0; c++) cmp = domains[c].compare(prev[c], cur[c], orders[c]);
            int sqlOrder = cmp;
            assertThat(sqlOrder).as(() -> Seeds.describe(seed) + ": " + showRow(prev) + " sorted before " + showRow(cur)).isLessThanOrEqualTo(0);
        }
    }

    private static void assertReadsBack(long seed, ValueDomain domain, Object value, KeyOrder order, byte[] key) {
        KeyReader reader = new KeyReader(key);
        Object back = reader.read(domain.type(), order);
        assertThat(back == null ? value == null : value != null && domain.sqlOrder().compare(back, value) == 0)
                .as(() -> Seeds.describe(seed) + ": " + domain.type() + " " + order + " " + ValueDomains.show(value)
                        + " read back as " + ValueDomains.show(back))
                .isTrue();
        assertThat(reader.hasRemaining()).isFalse();
    }

    static byte[] encodeRow(KeyWriter writer, int id, ValueDomain[] domains, KeyOrder[] orders, Object[] row) {
        writer.reset().writeId(id);
        for (int c = 0; c < row.length; c++) writer.write(domains[c].type(), row[c], orders[c]);
        return writer.toByteArray();
    }

    private static String describe(ValueDomain[] domains, KeyOrder[] orders) {
        StringBuilder sb = new StringBuilder("(");
        for (int c = 0; c < domains.length; c++) sb.append(c == 0 ? "" : ", ").append(domains[c].type()).append(' ').append(orders[c]);
        return sb.append(')').toString();
    }

    private static String showRow(Object[] row) {
        StringBuilder sb = new StringBuilder("(");
        for (int c = 0; c < row.length; c++) sb.append(c == 0 ? "" : ", ").append(ValueDomains.show(row[c]));
        return sb.append(')').toString();
    }
}
