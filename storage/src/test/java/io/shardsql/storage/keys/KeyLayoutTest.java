package io.shardsql.storage.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Pins the byte layouts drawn in the Javadoc: keys are stored on disk, so a change of format must be
 * a deliberate one that fails here.
 */
class KeyLayoutTest {

    @Test
    void idIsFourRawBytesAndNullIsOneTag() {
        assertBytes(w -> w.writeId(7), "00000007");
        assertBytes(w -> w.writeId(-1), "ffffffff");
        assertBytes(w -> w.writeNull(KeyOrder.ASC), "fe");
        assertBytes(w -> w.writeNull(KeyOrder.DESC_NULLS_LAST), "fe");
        assertBytes(w -> w.writeNull(KeyOrder.DESC), "01");
        assertBytes(w -> w.writeNull(KeyOrder.ASC_NULLS_FIRST), "01");
        assertBytes(w -> w.writeString(null, KeyOrder.ASC), "fe");
    }

    @Test
    void fixedWidthTypes() {
        assertBytes(w -> w.writeBoolean(true, KeyOrder.ASC), "10" + "01");
        assertBytes(w -> w.writeBoolean(true, KeyOrder.DESC), "11" + "fe");
        assertBytes(w -> w.writeLong(1, KeyOrder.ASC), "12" + "8000000000000001");
        assertBytes(w -> w.writeLong(-1, KeyOrder.ASC), "12" + "7fffffffffffffff");
        assertBytes(w -> w.writeLong(1, KeyOrder.DESC), "13" + "7ffffffffffffffe");
        assertBytes(w -> w.writeFloat(1.0f, KeyOrder.ASC), "16" + "bf800000");
        assertBytes(w -> w.writeFloat(-1.0f, KeyOrder.ASC), "16" + "407fffff");
        assertBytes(w -> w.writeDouble(1.0, KeyOrder.ASC), "18" + "bff0000000000000");
        assertBytes(w -> w.writeDouble(-0.0, KeyOrder.ASC), "18" + "8000000000000000");
        assertBytes(w -> w.writeDouble(Double.NaN, KeyOrder.ASC), "18" + "fff8000000000000");
        assertBytes(w -> w.writeDouble(1.0, KeyOrder.DESC), "19" + "400fffffffffffff");
        assertBytes(w -> w.writeDate(LocalDate.EPOCH, KeyOrder.ASC), "1e" + "8000000000000000");
        assertBytes(w -> w.writeDate(LocalDate.of(1969, 12, 31), KeyOrder.ASC), "1e" + "7fffffffffffffff");
        assertBytes(w -> w.writeTime(LocalTime.ofNanoOfDay(1), KeyOrder.ASC), "20" + "0000000000000001");
        assertBytes(w -> w.writeTime(LocalTime.ofNanoOfDay(1), KeyOrder.DESC), "21" + "fffffffffffffffe");
        assertBytes(w -> w.writeTimestamp(LocalDateTime.of(1970, 1, 1, 0, 0, 0, 500_000_000), KeyOrder.ASC),
                "22" + "8000000000000000" + "1dcd6500");
        assertBytes(w -> w.writeTimestampTz(Instant.ofEpochSecond(-1, 1), KeyOrder.ASC), "24" + "7fffffffffffffff" + "00000001");
    }

    @Test
    void stringsAndBytesAreEscapedAndTerminated() {
        assertBytes(w -> w.writeString("", KeyOrder.ASC), "1a" + "0001");
        assertBytes(w -> w.writeString("a\0b", KeyOrder.ASC), "1a" + "61" + "00ff" + "62" + "0001");
        assertBytes(w -> w.writeString("a\0b", KeyOrder.DESC), "1b" + "9e" + "ff00" + "9d" + "fffe");
        assertBytes(w -> w.writeString("\u00E9\uD83D\uDE00", KeyOrder.ASC), "1a" + "c3a9" + "f09f9880" + "0001");
        assertBytes(w -> w.writeBytes(new byte[] {0, (byte) 0xFF}, KeyOrder.ASC), "1c" + "00ff" + "ff" + "0001");
    }

    @Test
    void decimalsAreSignExponentAndDigitPairs() {
        assertBytes(w -> w.writeDecimal(BigDecimal.ZERO, KeyOrder.ASC), "14" + "02");
        assertBytes(w -> w.writeDecimal(new BigDecimal("1.5"), KeyOrder.ASC), "14" + "03" + "81" + "10" + "00");
        assertBytes(w -> w.writeDecimal(new BigDecimal("10"), KeyOrder.ASC), "14" + "03" + "82" + "0b" + "00");
        assertBytes(w -> w.writeDecimal(new BigDecimal("0.001"), KeyOrder.ASC), "14" + "03" + "7e" + "0b" + "00");
        assertBytes(w -> w.writeDecimal(new BigDecimal("123.45"), KeyOrder.ASC), "14" + "03" + "83" + "0d" + "23" + "33" + "00");
        assertBytes(w -> w.writeDecimal(new BigDecimal("-1.5"), KeyOrder.ASC), "14" + "01" + "7e" + "ef" + "ff");
        assertBytes(w -> w.writeDecimal(new BigDecimal("1.5"), KeyOrder.DESC), "15" + "fc" + "7e" + "ef" + "ff");
        assertBytes(w -> w.writeDecimal(new BigDecimal("1E+200"), KeyOrder.ASC), "14" + "03" + "f8" + "51" + "0b" + "00");
    }

    @Test
    void indexKeyConcatenatesComponents() {
        assertBytes(w -> w.writeId(0x0102).writeString("k", KeyOrder.DESC).writeNull(KeyOrder.DESC).writeLong(0, KeyOrder.ASC),
                "00000102" + "1b" + "94" + "fffe" + "01" + "12" + "8000000000000000");
    }

    private static void assertBytes(Consumer<KeyWriter> write, String expectedHex) {
        KeyWriter writer = new KeyWriter(1); // tiny start: growth is exercised too
        write.accept(writer);
        assertThat(HexFormat.of().formatHex(writer.toByteArray())).isEqualTo(expectedHex);
        assertThat(writer.length()).isEqualTo(expectedHex.length() / 2);
    }
}
