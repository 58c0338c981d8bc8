package io.shardsql.storage.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyRangesTest {

    @Test
    void incrementsTheLastByteThatIsNotFf() {
        assertThat(KeyRanges.prefixEnd(KeyEdgeCaseTest.bytes(0, 0, 0, 7))).containsExactly(0, 0, 0, 8);
        assertThat(KeyRanges.prefixEnd(KeyEdgeCaseTest.bytes(0x7F))).containsExactly(0x80);
        assertThat(KeyRanges.prefixEnd(KeyEdgeCaseTest.bytes(7, 0x1A, 0xFF, 0xFF))).containsExactly(7, 0x1B);
        assertThat(KeyRanges.prefixEnd(KeyEdgeCaseTest.bytes(0xFE, 0xFF))).containsExactly(0xFF);
    }

    @Test
    void hasNoEndForEmptyOrAllFfPrefixesAndDoesNotModifyItsInput() {
        assertThat(KeyRanges.prefixEnd(new byte[0])).isNull();
        assertThat(KeyRanges.prefixEnd(KeyEdgeCaseTest.bytes(0xFF, 0xFF))).isNull();
        byte[] prefix = KeyEdgeCaseTest.bytes(1, 0xFF);
        KeyRanges.prefixEnd(prefix);
        assertThat(prefix).containsExactly(1, 0xFF);
    }

    @Test
    void aKeyIsBelowTheEndExactlyWhenItHasThePrefixOrSortsBeforeIt() {
        long seed = Seeds.next();
        Random r = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] prefix = randomBytes(r, 4);
            byte[] key = r.nextBoolean() ? concat(prefix, randomBytes(r, 3)) : randomBytes(r, 6);
            byte[] end = KeyRanges.prefixEnd(prefix);
            boolean hasPrefix = key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
            boolean inRange = Arrays.compareUnsigned(key, prefix) >= 0 && (end == null || Arrays.compareUnsigned(key, end) < 0);
            assertThat(inRange).as("%s: key %s, prefix %s", Seeds.describe(seed), Arrays.toString(key), Arrays.toString(prefix))
                    .isEqualTo(hasPrefix);
        }
    }

    private static byte[] randomBytes(Random r, int maxLength) {
        byte[] b = new byte[r.nextInt(maxLength + 1)];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (r.nextInt(3) == 0 ? 0xFF : r.nextInt(4) == 0 ? 0 : r.nextInt(256));
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
