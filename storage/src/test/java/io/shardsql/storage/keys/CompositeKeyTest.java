package io.shardsql.storage.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written composite keys: self-delimiting components, NULL placement, ids and prefix scans. */
class CompositeKeyTest {

    @Test
    void shorterStringFollowedByAnotherComponentSortsBeforeItsExtension() {
        for (KeyOrder second : KeyOrder.values()) {
            byte[] a2 = new KeyWriter().writeString("a", KeyOrder.ASC).writeLong(2, second).toByteArray();
            byte[] ab1 = new KeyWriter().writeString("ab", KeyOrder.ASC).writeLong(1, second).toByteArray();
            assertThat(Arrays.compareUnsigned(a2, ab1)).as("(a, 2) vs (ab, 1), second column %s", second).isNegative();

            byte[] a2desc = new KeyWriter().writeString("a", KeyOrder.DESC).writeLong(2, second).toByteArray();
            byte[] ab1desc = new KeyWriter().writeString("ab", KeyOrder.DESC).writeLong(1, second).toByteArray();
            assertThat(Arrays.compareUnsigned(a2desc, ab1desc)).as("(a DESC, 2) vs (ab DESC, 1)").isPositive();
        }
        byte[] bytesShort = new KeyWriter().writeBytes(new byte[] {1}, KeyOrder.ASC).writeLong(Long.MAX_VALUE, KeyOrder.ASC).toByteArray();
        byte[] bytesLong = new KeyWriter().writeBytes(new byte[] {1, 0}, KeyOrder.ASC).writeLong(Long.MIN_VALUE, KeyOrder.ASC).toByteArray();
        assertThat(Arrays.compareUnsigned(bytesShort, bytesLong)).isNegative();
    }

    @Test
    void nullsSortLastForAscAndFirstForDescByDefault() {
        byte[] nullAsc = row(null, KeyOrder.ASC);
        byte[] valueAsc = row("zzz", KeyOrder.ASC);
        assertThat(Arrays.compareUnsigned(nullAsc, valueAsc)).isPositive();

        byte[] nullDesc = row(null, KeyOrder.DESC);
        byte[] valueDesc = row("", KeyOrder.DESC);
        assertThat(Arrays.compareUnsigned(nullDesc, valueDesc)).isNegative();

        assertThat(Arrays.compareUnsigned(row(null, KeyOrder.ASC_NULLS_FIRST), row("", KeyOrder.ASC_NULLS_FIRST))).isNegative();
        assertThat(Arrays.compareUnsigned(row(null, KeyOrder.DESC_NULLS_LAST), row("", KeyOrder.DESC_NULLS_LAST))).isPositive();
        assertThat(KeyOrder.of(false)).isEqualTo(KeyOrder.ASC);
        assertThat(KeyOrder.of(true)).isEqualTo(KeyOrder.DESC);
        assertThat(KeyOrder.of(false, true)).isEqualTo(KeyOrder.ASC_NULLS_FIRST);
        assertThat(KeyOrder.of(true, false)).isEqualTo(KeyOrder.DESC_NULLS_LAST);
    }

    @Test
    void rowWithNullsMixedTypesReadsBackWithTypedReads() {
        LocalDate day = LocalDate.of(-44, 3, 15);
        byte[] key = new KeyWriter().writeId(42)
                .writeDecimal(new BigDecimal("-3.250"), KeyOrder.DESC)
                .writeNull(KeyOrder.ASC)
                .writeDate(day, KeyOrder.DESC_NULLS_LAST)
                .writeBytes(new byte[0], KeyOrder.ASC_NULLS_FIRST)
                .writeBoolean(false, KeyOrder.DESC)
                .toByteArray();
        KeyReader r = new KeyReader(key);
        assertThat(r.readId()).isEqualTo(42);
        assertThat(r.readNull(KeyOrder.DESC)).isFalse();
        assertThat(r.readDecimal(KeyOrder.DESC)).isEqualByComparingTo("-3.25");
        assertThat(r.readNull(KeyOrder.ASC)).isTrue();
        assertThat(r.readNull(KeyOrder.DESC_NULLS_LAST)).isFalse();
        assertThat(r.readDate(KeyOrder.DESC_NULLS_LAST)).isEqualTo(day);
        assertThat(r.readBytes(KeyOrder.ASC_NULLS_FIRST)).isEmpty();
        assertThat(r.readBoolean(KeyOrder.DESC)).isFalse();
        assertThat(r.hasRemaining()).isFalse();
        r.expectEnd();
    }

    @Test
    void idsCompareUnsignedAndComeFirst() {
        byte[] small = new KeyWriter().writeId(1).writeLong(Long.MAX_VALUE, KeyOrder.ASC).toByteArray();
        byte[] big = new KeyWriter().writeId(2).writeLong(Long.MIN_VALUE, KeyOrder.ASC).toByteArray();
        byte[] huge = new KeyWriter().writeId(0x8000_0000).writeLong(0, KeyOrder.ASC).toByteArray();
        assertThat(Arrays.compareUnsigned(small, big)).isNegative();
        assertThat(Arrays.compareUnsigned(big, huge)).isNegative();
        assertThat(new KeyReader(huge).readId()).isEqualTo(0x8000_0000);
    }

    @Test
    void prefixEndBoundsExactlyTheKeysOfATableOrOfAnIndexValue() {
        KeyWriter w = new KeyWriter();
        byte[] table7 = w.reset().writeId(7).toByteArray();
        byte[] end7 = KeyRanges.prefixEnd(table7);
        List<byte[]> inside = List.of(
                w.reset().writeId(7).writeLong(Long.MIN_VALUE, KeyOrder.ASC).toByteArray(),
                w.reset().writeId(7).writeNull(KeyOrder.ASC).toByteArray(),
                w.reset().writeId(7).writeBytes(new byte[] {-1, -1}, KeyOrder.DESC_NULLS_LAST).toByteArray());
        List<byte[]> outside = List.of(
                w.reset().writeId(6).writeNull(KeyOrder.ASC).toByteArray(),
                w.reset().writeId(8).writeNull(KeyOrder.DESC).toByteArray());
        assertAllInRange(inside, table7, end7);
        assertNoneInRange(outside, table7, end7);

        byte[] prefixA = w.reset().writeId(9).writeString("a", KeyOrder.ASC).toByteArray();
        byte[] endA = KeyRanges.prefixEnd(prefixA);
        assertAllInRange(List.of(
                w.reset().writeId(9).writeString("a", KeyOrder.ASC).writeLong(-5, KeyOrder.ASC).toByteArray(),
                w.reset().writeId(9).writeString("a", KeyOrder.ASC).writeNull(KeyOrder.ASC).toByteArray()), prefixA, endA);
        assertNoneInRange(List.of(
                w.reset().writeId(9).writeString("ab", KeyOrder.ASC).writeLong(-5, KeyOrder.ASC).toByteArray(),
                w.reset().writeId(9).writeString("a\0", KeyOrder.ASC).toByteArray(),
                w.reset().writeId(9).writeString("", KeyOrder.ASC).toByteArray()), prefixA, endA);
    }

    private static byte[] row(String value, KeyOrder order) {
        return new KeyWriter().writeId(3).writeString(value, order).writeLong(1, KeyOrder.ASC).toByteArray();
    }

    private static void assertAllInRange(List<byte[]> keys, byte[] start, byte[] end) {
        for (byte[] k : keys) {
            assertThat(Arrays.compareUnsigned(k, start)).isGreaterThanOrEqualTo(0);
            assertThat(Arrays.compareUnsigned(k, end)).isNegative();
        }
    }

    private static void assertNoneInRange(List<byte[]> keys, byte[] start, byte[] end) {
        for (byte[] k : keys) {
            assertThat(Arrays.compareUnsigned(k, start) < 0 || Arrays.compareUnsigned(k, end) >= 0).isTrue();
        }
    }
}
