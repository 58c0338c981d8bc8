package io.shardsql.storage.rocksdb;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(10)
class VersionKeysTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void layoutIsEscapedKeyTerminatorAndInvertedTimestamp() {
        assertThat(HEX.formatHex(VersionKeys.encode(b("a\0"), 5))).isEqualTo("6100ff0001" + "fffffffffffffffa");
        assertThat(HEX.formatHex(VersionKeys.encode(b(""), 1))).isEqualTo("0001" + "fffffffffffffffe");
        assertThat(HEX.formatHex(VersionKeys.keyPrefix(b("\0\u00ff")))).isEqualTo("00ffff0001");
    }

    @Test
    void userKeysKeepTheirOrderEvenWhenOneIsAPrefixOfAnother() {
        String[] ordered = {"", "\0", "\0\0", "\0\u0001", "a", "a\0", "a\0\0", "a\0\u0001", "a\u0001", "ab", "a\u00ff", "\u00ff"};
        for (int i = 0; i + 1 < ordered.length; i++) {
            byte[] smallerNewest = VersionKeys.encode(b(ordered[i]), Long.MAX_VALUE);
            byte[] smallerOldest = VersionKeys.encode(b(ordered[i]), 1);
            byte[] largerNewest = VersionKeys.encode(b(ordered[i + 1]), Long.MAX_VALUE);
            assertThat(Bytes.compare(smallerOldest, largerNewest)).as("%s < %s", i, i + 1).isNegative();
            assertThat(Bytes.compare(smallerNewest, smallerOldest)).isNegative();
        }
    }

    @Test
    void randomPairsCompareLikeUserKeyThenNewestFirst() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            byte[] k1 = randomKey(random);
            byte[] k2 = random.nextInt(4) == 0 ? k1.clone() : randomKey(random);
            long ts1 = 1 + random.nextInt(5);
            long ts2 = 1 + random.nextInt(5);
            int expected = Bytes.compare(k1, k2) != 0 ? Bytes.compare(k1, k2) : Long.compare(ts2, ts1);
            int actual = Bytes.compare(VersionKeys.encode(k1, ts1), VersionKeys.encode(k2, ts2));
            assertThat(Integer.signum(actual)).as("%s@%d vs %s@%d", Bytes.toHex(k1), ts1, Bytes.toHex(k2), ts2)
                    .isEqualTo(Integer.signum(expected));
        }
    }

    @Test
    void decodingReturnsUserKeyAndCommitTs() {
        Random random = new Random(12);
        for (int i = 0; i < 2_000; i++) {
            byte[] key = randomKey(random);
            long ts = 1 + (random.nextLong() & Long.MAX_VALUE) % Long.MAX_VALUE;
            byte[] encoded = VersionKeys.encode(key, ts);
            assertThat(VersionKeys.userKey(encoded)).isEqualTo(key);
            assertThat(VersionKeys.commitTs(encoded)).isEqualTo(ts);
            assertThat(VersionKeys.hasPrefix(encoded, VersionKeys.keyPrefix(key))).isTrue();
        }
    }

    @Test
    void helpersBoundTheVersionsOfOneKey() {
        byte[] key = b("a\0");
        byte[] prefix = VersionKeys.keyPrefix(key);
        byte[] newest = VersionKeys.encode(key, Long.MAX_VALUE);
        byte[] oldest = VersionKeys.encode(key, 1);
        byte[] past = VersionKeys.pastVersions(key);
        assertThat(Bytes.compare(prefix, newest)).isNegative();
        assertThat(Bytes.compare(oldest, past)).isNegative();
        assertThat(Bytes.compare(past, VersionKeys.encode(b("a\0\0"), Long.MAX_VALUE))).isNegative();
        assertThat(VersionKeys.sameUserKey(newest, oldest)).isTrue();
        assertThat(VersionKeys.sameUserKey(newest, VersionKeys.encode(b("a\u0001"), 5))).isFalse();
        assertThat(VersionKeys.hasPrefix(VersionKeys.encode(b("a\0\0"), 5), prefix)).isFalse();
    }

    @Test
    void keysNotInTheLayoutAreReportedAsCorruption() {
        for (String hex : new String[] {"", "6100", "61" + "ffffffffffffffff", "6100020001" + "fffffffffffffffe", "0001"}) {
            ShardSqlException e = catchThrowableOfType(ShardSqlException.class, () -> VersionKeys.userKey(HEX.parseHex(hex)));
            assertThat(e).as(hex).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_CORRUPTED);
        }
    }

    private static byte[] randomKey(Random random) {
        byte[] alphabet = {0x00, 0x01, 0x02, 'a', (byte) 0xFE, (byte) 0xFF};
        byte[] key = new byte[random.nextInt(5)];
        for (int i = 0; i < key.length; i++) key[i] = alphabet[random.nextInt(alphabet.length)];
        return key;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
