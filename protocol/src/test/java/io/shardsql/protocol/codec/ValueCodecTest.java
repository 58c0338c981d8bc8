package io.shardsql.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shardsql.protocol.ProtocolException;
import io.shardsql.protocol.value.Bytes;
import io.shardsql.protocol.value.Row;
import io.shardsql.protocol.value.Value;
import io.shardsql.protocol.value.ValueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Typed values: every type with its extremes, the exact bytes of a few, and bad payloads. */
@Timeout(60)
class ValueCodecTest {

    @Test
    void everyValueRoundTrips() {
        Set<ValueType> types = EnumSet.noneOf(ValueType.class);
        for (Value v : Samples.values()) {
            types.add(v.type());
            assertThat(roundTrip(v)).as("%s", v.type()).isEqualTo(v);
        }
        assertThat(types).containsExactlyInAnyOrder(ValueType.values());
    }

    @Test
    void decimalsKeepScaleAndPrecision() {
        for (String s : new String[] {"0.00", "-0.1", "1E+400", "-1E-400",
                "123456789012345678901234567890.123456789"}) {
            BigDecimal d = new BigDecimal(s);
            BigDecimal back = (BigDecimal) roundTrip(Value.of(d)).toObject();
            assertThat(back.scale()).isEqualTo(d.scale());
            assertThat(back.unscaledValue()).isEqualTo(d.unscaledValue());
        }
    }

    @Test
    void randomValuesRoundTrip() {
        Random r = new Random(20240611);
        for (int i = 0; i < 5_000; i++) {
            Value v = switch (r.nextInt(8)) {
                case 0 -> Value.of(r.nextLong());
                case 1 -> Value.of(new BigDecimal(new java.math.BigInteger(r.nextInt(300) + 1, r),
                        r.nextInt(2000) - 1000));
                case 2 -> Value.of(Double.longBitsToDouble(r.nextLong()));
                case 3 -> Value.of(Float.intBitsToFloat(r.nextInt()));
                case 4 -> Value.of(randomString(r));
                case 5 -> Value.of(LocalDate.ofEpochDay(r.nextInt(5_000_000) - 2_500_000));
                case 6 -> Value.of(LocalTime.ofNanoOfDay(Math.floorMod(r.nextLong(), LocalTime.MAX.toNanoOfDay() + 1)));
                default -> Value.of(LocalDateTime.ofEpochSecond(r.nextInt(), r.nextInt(1_000_000_000),
                        java.time.ZoneOffset.UTC));
            };
            assertThat(roundTrip(v)).isEqualTo(v);
        }
    }

    @Test
    void layoutsAreAsDocumented() {
        assertThat(bytes(Value.NULL)).containsExactly(0);
        assertThat(bytes(Value.of(true))).containsExactly(1, 1);
        assertThat(bytes(Value.of((short) -2))).containsExactly(2, 0xFF, 0xFE);
        assertThat(bytes(Value.of(258))).containsExactly(3, 0, 0, 1, 2);
        assertThat(bytes(Value.of(new BigDecimal("-1.5")))).containsExactly(5, 0, 0, 0, 1, 1, 0xF1);
        assertThat(bytes(Value.of("é"))).containsExactly(8, 2, 0xC3, 0xA9);
        assertThat(bytes(Value.of(new byte[] {7}))).containsExactly(9, 1, 7);
        assertThat(bytes(Value.of(LocalDate.of(1970, 1, 2)))).containsExactly(10, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(bytes(Value.of(LocalDateTime.of(1970, 1, 1, 0, 0, 1, 5))))
                .containsExactly(12, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 5);
    }

    @Test
    void varintsUseSevenBitGroups() {
        ByteBuf buf = Unpooled.buffer();
        for (int v : new int[] {0, 127, 128, 16_383, 16_384, Integer.MAX_VALUE}) {
            Wire.writeVarint(buf, v);
            assertThat(Wire.readVarint(buf)).isEqualTo(v);
        }
        Wire.writeVarint(buf, 300);
        assertThat((int) buf.readUnsignedByte()).isEqualTo(0xAC);
        assertThat((int) buf.readUnsignedByte()).isEqualTo(0x02);
        buf.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}); // 2^32 - 1
        assertThatThrownBy(() -> Wire.readVarint(buf)).isInstanceOf(ProtocolException.class);
        buf.clear().writeBytes(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0});
        assertThatThrownBy(() -> Wire.readVarint(buf)).isInstanceOf(ProtocolException.class);
        buf.release();
    }

    @Test
    void badPayloadsAreProtocolErrors() {
        assertBad(99);                                  // unknown tag
        assertBad(1, 2);                                // bool that is neither 0 nor 1
        assertBad(3, 0, 0);                             // truncated INTEGER
        assertBad(5, 0, 0, 0, 0, 0);                    // DECIMAL without unscaled bytes
        assertBad(8, 5, 'a');                           // string longer than what is left
        assertBad(8, 2, 0xC3, 0x28);                    // malformed UTF-8
        assertBad(8, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F);     // string length beyond 2^31
        assertBad(10, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF); // DATE out of range
        assertBad(11, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF); // TIME negative
        assertBad(12, 0, 0, 0, 0, 0, 0, 0, 0, 0x3B, 0x9A, 0xCA, 0x00); // TIMESTAMP nanos = 10^9
    }

    @Test
    void rowCountCannotExceedTheBytesLeft() {
        ByteBuf buf = Unpooled.buffer();
        Wire.writeVarint(buf, Integer.MAX_VALUE);
        buf.writeByte(0);
        assertThatThrownBy(() -> ValueCodec.readRow(buf)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("does not fit");
        buf.release();
    }

    @Test
    void valuesConvertFromAndToJavaObjects() {
        assertThat(Value.of(null)).isSameAs(Value.NULL);
        assertThat(Value.of((byte) 3)).isEqualTo(Value.of((short) 3));
        assertThat(Value.of(new java.math.BigInteger("12"))).isEqualTo(Value.of(new BigDecimal(12)));
        byte[] b = {1, 2};
        Value v = Value.of(b);
        b[0] = 9;
        assertThat((byte[]) v.toObject()).containsExactly(1, 2);
        assertThat(Value.of(Bytes.copyOf(new byte[] {1, 2}))).isEqualTo(v);
        assertThat(new Row(List.of(Value.of(1), Value.NULL)).get(1).isNull()).isTrue();
        assertThatThrownBy(() -> Value.of(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Value roundTrip(Value v) {
        ByteBuf buf = Unpooled.buffer();
        try {
            ValueCodec.write(buf, v);
            Value back = ValueCodec.read(buf);
            assertThat(buf.isReadable()).isFalse();
            return back;
        } finally {
            buf.release();
        }
    }

    private static int[] bytes(Value v) {
        ByteBuf buf = Unpooled.buffer();
        ValueCodec.write(buf, v);
        int[] out = new int[buf.readableBytes()];
        for (int i = 0; i < out.length; i++) out[i] = buf.readUnsignedByte();
        buf.release();
        return out;
    }

    private static void assertBad(int... bytes) {
        ByteBuf buf = Unpooled.buffer();
        for (int b : bytes) buf.writeByte(b);
        try {
            assertThatThrownBy(() -> ValueCodec.read(buf)).isInstanceOf(ProtocolException.class);
        } finally {
            buf.release();
        }
    }

    private static String randomString(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(40);
        for (int i = 0; i < n; i++) {
            int cp = r.nextInt(4) == 0 ? 0x10000 + r.nextInt(0x1000) : r.nextInt(0xD000);
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
