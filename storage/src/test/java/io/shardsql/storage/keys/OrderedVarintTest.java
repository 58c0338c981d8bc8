package io.shardsql.storage.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The varint that carries a decimal's exponent: order, round trip, lengths and shortest form. */
class OrderedVarintTest {
    private static final long[] EDGES = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -(1L << 40), -377, -376, -122, -121, -120, -1, 0,
            1, 119, 120, 375, 376, 1L << 40, Long.MAX_VALUE - 1, Long.MAX_VALUE};

    @Test
    void byteOrderIsNumericOrderAndValuesRoundTrip() {
        long seed = Seeds.next();
        Random r = new Random(seed);
        for (int i = 0; i < 50_000; i++) {
            long a = randomLong(r);
            long b = r.nextBoolean() ? randomLong(r) : a + r.nextInt(-2, 3);
            byte[] ea = encode(a);
            byte[] eb = encode(b);
            assertThat(Integer.signum(Arrays.compareUnsigned(ea, eb))).as("%s: %d vs %d", Seeds.describe(seed), a, b)
                    .isEqualTo(Long.compare(a, b));
            assertThat(decode(ea)).as("%s: round trip of %d", Seeds.describe(seed), a).isEqualTo(a);
        }
        for (int i = 1; i < EDGES.length; i++) {
            assertThat(Arrays.compareUnsigned(encode(EDGES[i - 1]), encode(EDGES[i]))).isNegative();
        }
    }

    @Test
    void smallValuesTakeOneByteAndExtremesNine() {
        assertThat(HexFormat.of().formatHex(encode(0))).isEqualTo("80");
        assertThat(HexFormat.of().formatHex(encode(-120))).isEqualTo("08");
        assertThat(HexFormat.of().formatHex(encode(119))).isEqualTo("f7");
        assertThat(HexFormat.of().formatHex(encode(120))).isEqualTo("f800");
        assertThat(HexFormat.of().formatHex(encode(-121))).isEqualTo("07ff");
        assertThat(HexFormat.of().formatHex(encode(376))).isEqualTo("f90100");
        assertThat(encode(Long.MAX_VALUE)).hasSize(9);
        assertThat(encode(Long.MIN_VALUE)).hasSize(9);
    }

    @Test
    void rejectsLongerThanShortestFormsAndValuesBeyondTheLongRange() {
        assertMalformed(KeyEdgeCaseTest.bytes(0xF9, 0x00, 0x05), "shortest form");
        assertMalformed(KeyEdgeCaseTest.bytes(0x06, 0xFF, 0xFA), "shortest form");
        assertMalformed(KeyEdgeCaseTest.bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), "out of the long range");
        assertMalformed(KeyEdgeCaseTest.bytes(0xFA, 0x01), "ends too early");
    }

    private static long randomLong(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> EDGES[r.nextInt(EDGES.length)];
            case 1 -> r.nextLong() >> r.nextInt(64);
            default -> r.nextInt(-400, 400);
        };
    }

    private static byte[] encode(long x) {
        GrowableBytes out = new GrowableBytes(1);
        OrderedVarint.write(x, out);
        return out.toByteArray();
    }

    private static long decode(byte[] b) {
        ByteCursor in = new ByteCursor(b, 0, b.length);
        long x = OrderedVarint.read(in, 0);
        assertThat(in.remaining()).isZero();
        return x;
    }

    private static void assertMalformed(byte[] b, String message) {
        assertThatThrownBy(() -> decode(b)).isInstanceOfSatisfying(ShardSqlException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_ENCODING)).hasMessageContaining(message);
    }
}
