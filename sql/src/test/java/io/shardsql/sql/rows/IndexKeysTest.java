package io.shardsql.sql.rows;

import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IndexKeysTest {
    private static final SqlType BIGINT = SqlType.of(SqlType.Kind.BIGINT);
    private static final IndexDef BY_EMAIL = new IndexDef(20, "by_email", true, List.of(2), IndexDef.State.PUBLIC);
    private static final IndexDef BY_CITY_AGE = new IndexDef(21, "by_city_age", false, List.of(3, 4), IndexDef.State.PUBLIC);

    private final TableDef users = new TableDef(7, "users", List.of(
            new ColumnDef(1, "id", BIGINT, false, null),
            new ColumnDef(2, "email", SqlType.varchar(50), true, null),
            new ColumnDef(3, "city", SqlType.varchar(20), true, null),
            new ColumnDef(4, "age", BIGINT, true, null)),
            List.of(1), List.of(BY_EMAIL, BY_CITY_AGE), 5);

    private byte[] rowKey(long id) { return RowKeys.key(users, new Object[] {id}); }

    @Test
    void aUniqueEntryWithoutNullsKeepsThePrimaryKeyInItsValue() {
        Object[] row = {5L, "a@x", "paris", 30L};
        IndexKeys.Entry e = IndexKeys.entry(users, BY_EMAIL, row, rowKey(5));
        assertThat(e.key()).isEqualTo(IndexKeys.prefix(users, BY_EMAIL, "a@x"));
        assertThat(e.value()).isEqualTo(Arrays.copyOfRange(rowKey(5), 4, rowKey(5).length));
        assertThat(IndexKeys.rowKey(users, BY_EMAIL, e.key(), e.value())).isEqualTo(rowKey(5));
        assertThat(IndexKeys.decodeValues(users, BY_EMAIL, e.key())).containsExactly("a@x");
        // two rows with the same value collide on the key
        assertThat(IndexKeys.entry(users, BY_EMAIL, new Object[] {6L, "a@x", null, null}, rowKey(6)).key()).isEqualTo(e.key());
    }

    @Test
    void aUniqueEntryWithANullKeepsThePrimaryKeyInItsKeySoNullsNeverCollide() {
        IndexKeys.Entry five = IndexKeys.entry(users, BY_EMAIL, new Object[] {5L, null, "paris", 30L}, rowKey(5));
        IndexKeys.Entry six = IndexKeys.entry(users, BY_EMAIL, new Object[] {6L, null, "paris", 30L}, rowKey(6));
        assertThat(five.key()).isNotEqualTo(six.key());
        assertThat(five.value()).isEmpty();
        assertThat(IndexKeys.rowKey(users, BY_EMAIL, five.key(), five.value())).isEqualTo(rowKey(5));
        assertThat(IndexKeys.rowKey(users, BY_EMAIL, six.key(), six.value())).isEqualTo(rowKey(6));
        assertThat(IndexKeys.decodeValues(users, BY_EMAIL, five.key())).containsExactly((Object) null);
    }

    @Test
    void aNonUniqueEntryIsIndexValuesThenPrimaryKeyAndDecodesBothWays() {
        Object[] row = {9L, "b@x", "lyon", 41L};
        IndexKeys.Entry e = IndexKeys.entry(users, BY_CITY_AGE, row, rowKey(9));
        assertThat(e.value()).isEmpty();
        assertThat(e.key()).startsWith(IndexKeys.prefix(users, BY_CITY_AGE, "lyon", 41L));
        assertThat(IndexKeys.decodeValues(users, BY_CITY_AGE, e.key())).containsExactly("lyon", 41L);
        assertThat(IndexKeys.rowKey(users, BY_CITY_AGE, e.key(), e.value())).isEqualTo(rowKey(9));
        assertThat(Arrays.copyOf(e.key(), 4)).isEqualTo(new byte[] {0, 0, 0, 21});
    }

    @Test
    void anEqualityPrefixRangeHoldsExactlyTheEntriesWithThoseLeadingValues() {
        byte[] start = IndexKeys.prefix(users, BY_CITY_AGE, "lyon");
        byte[] end = IndexKeys.prefixEnd(start);
        byte[] lyon = IndexKeys.entry(users, BY_CITY_AGE, new Object[] {1L, null, "lyon", 99L}, rowKey(1)).key();
        byte[] lyonNullAge = IndexKeys.entry(users, BY_CITY_AGE, new Object[] {2L, null, "lyon", null}, rowKey(2)).key();
        byte[] lyons = IndexKeys.entry(users, BY_CITY_AGE, new Object[] {3L, null, "lyons", 1L}, rowKey(3)).key();
        byte[] ly = IndexKeys.entry(users, BY_CITY_AGE, new Object[] {4L, null, "ly", 1L}, rowKey(4)).key();
        assertThat(inRange(lyon, start, end)).isTrue();
        assertThat(inRange(lyonNullAge, start, end)).isTrue();
        assertThat(inRange(lyons, start, end)).isFalse();
        assertThat(inRange(ly, start, end)).isFalse();
        assertThat(inRange(lyon, IndexKeys.indexStart(21), IndexKeys.indexEnd(21))).isTrue();
        assertThat(inRange(lyon, IndexKeys.indexStart(20), IndexKeys.indexEnd(20))).isFalse();
    }

    @Test
    void entriesSortByIndexedValues() {
        byte[] a = IndexKeys.entry(users, BY_CITY_AGE, new Object[] {9L, null, "lyon", 2L}, rowKey(9)).key();
        byte[] b = IndexKeys.entry(users, BY_CITY_AGE, new Object[] {1L, null, "lyon", 10L}, rowKey(1)).key();
        assertThat(Arrays.compareUnsigned(a, b)).isNegative();
    }

    @Test
    void aTableWithAHiddenRowIdPointsEntriesAtTheRowId() {
        TableDef log = new TableDef(8, "log", List.of(new ColumnDef(1, "msg", SqlType.varchar(0), true, null)),
                List.of(), List.of(), 2);
        IndexDef byMsg = new IndexDef(22, "by_msg", true, List.of(1), IndexDef.State.WRITE_ONLY);
        byte[] key = RowKeys.key(log, new Object[] {123L});
        IndexKeys.Entry e = IndexKeys.entry(log, byMsg, new Object[] {"hi"}, key);
        assertThat(IndexKeys.rowKey(log, byMsg, e.key(), e.value())).isEqualTo(key);
        assertThat(RowKeys.primaryKey(log, IndexKeys.rowKey(log, byMsg, e.key(), e.value()))).containsExactly(123L);
    }

    private static boolean inRange(byte[] k, byte[] start, byte[] end) {
        return Arrays.compareUnsigned(k, start) >= 0 && Arrays.compareUnsigned(k, end) < 0;
    }
}
