package io.shardsql.jdbc.value;

import io.shardsql.protocol.value.Value;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueConversionsTest {
    private static final LocalDate DAY = LocalDate.of(2024, 2, 29);
    private static final LocalTime NOON = LocalTime.of(12, 30, 15, 123_456_789);
    private static final LocalDateTime MOMENT = LocalDateTime.of(DAY, NOON);

    @Test
    void nullReadsAsNullOrZero() throws SQLException {
        Value n = Value.NULL;
        assertThat(ValueConversions.toStringValue(n)).isNull();
        assertThat(ValueConversions.toBoolean(n)).isFalse();
        assertThat(ValueConversions.toInt(n)).isZero();
        assertThat(ValueConversions.toLong(n)).isZero();
        assertThat(ValueConversions.toDouble(n)).isZero();
        assertThat(ValueConversions.toBigDecimal(n)).isNull();
        assertThat(ValueConversions.toBytes(n)).isNull();
        assertThat(ValueConversions.toLocalDate(n)).isNull();
        assertThat(ValueConversions.toTimestamp(n, null)).isNull();
        assertThat(ValueConversions.toObject(n)).isNull();
        assertThat(ValueConversions.toObject(n, Integer.class)).isNull();
    }

    @Test
    void everyTypeReadsAsAString() {
        assertThat(ValueConversions.toStringValue(Value.of(true))).isEqualTo("true");
        assertThat(ValueConversions.toStringValue(Value.of((short) -7))).isEqualTo("-7");
        assertThat(ValueConversions.toStringValue(Value.of(42))).isEqualTo("42");
        assertThat(ValueConversions.toStringValue(Value.of(1L << 40))).isEqualTo("1099511627776");
        assertThat(ValueConversions.toStringValue(Value.of(new BigDecimal("1E+3")))).isEqualTo("1000");
        assertThat(ValueConversions.toStringValue(Value.of(new BigDecimal("-1.50")))).isEqualTo("-1.50");
        assertThat(ValueConversions.toStringValue(Value.of(1.5f))).isEqualTo("1.5");
        assertThat(ValueConversions.toStringValue(Value.of(0.25d))).isEqualTo("0.25");
        assertThat(ValueConversions.toStringValue(Value.of("héllo"))).isEqualTo("héllo");
        assertThat(ValueConversions.toStringValue(Value.of(new byte[] {0x0a, (byte) 0xff}))).isEqualTo("0aff");
        assertThat(ValueConversions.toStringValue(Value.of(DAY))).isEqualTo("2024-02-29");
        assertThat(ValueConversions.toStringValue(Value.of(LocalTime.of(9, 5)))).isEqualTo("09:05:00");
        assertThat(ValueConversions.toStringValue(Value.of(NOON))).isEqualTo("12:30:15.123456789");
        assertThat(ValueConversions.toStringValue(Value.of(MOMENT))).isEqualTo("2024-02-29 12:30:15.123456789");
        assertThat(ValueConversions.toStringValue(Value.of(DAY.atStartOfDay()))).isEqualTo("2024-02-29 00:00:00");
    }

    @Test
    void numbersConvertAmongThemselvesWithRangeChecks() throws SQLException {
        assertThat(ValueConversions.toInt(Value.of(7L))).isEqualTo(7);
        assertThat(ValueConversions.toLong(Value.of(new BigDecimal("12.9")))).isEqualTo(12L);
        assertThat(ValueConversions.toInt(Value.of(-3.99d))).isEqualTo(-3);
        assertThat(ValueConversions.toShort(Value.of(" 12 "))).isEqualTo((short) 12);
        assertThat(ValueConversions.toByte(Value.of(true))).isEqualTo((byte) 1);
        assertThat(ValueConversions.toDouble(Value.of(new BigDecimal("2.5")))).isEqualTo(2.5);
        assertThat(ValueConversions.toFloat(Value.of(3))).isEqualTo(3f);
        assertThat(ValueConversions.toBigDecimal(Value.of(0.1f))).isEqualByComparingTo("0.1");
        assertThat(ValueConversions.toBigDecimal(Value.of(5L))).isEqualByComparingTo("5");
        assertThat(ValueConversions.toBigDecimal(Value.of("1.25"))).isEqualByComparingTo("1.25");
        assertThat(ValueConversions.toBigDecimal(Value.of(new BigDecimal("1.255")), 2)).isEqualTo(new BigDecimal("1.26"));
        assertThatThrownBy(() -> ValueConversions.toInt(Value.of(1L << 40))).isInstanceOf(SQLDataException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22003");
        assertThatThrownBy(() -> ValueConversions.toByte(Value.of(300))).isInstanceOf(SQLDataException.class);
        assertThatThrownBy(() -> ValueConversions.toLong(Value.of(new BigDecimal("1e30")))).isInstanceOf(SQLDataException.class);
        assertThatThrownBy(() -> ValueConversions.toInt(Value.of("twelve"))).isInstanceOf(SQLDataException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22018");
        assertThatThrownBy(() -> ValueConversions.toBigDecimal(Value.of(Double.NaN))).isInstanceOf(SQLDataException.class);
        assertThatThrownBy(() -> ValueConversions.toInt(Value.of(DAY))).isInstanceOf(SQLDataException.class);
    }

    @Test
    void booleans() throws SQLException {
        assertThat(ValueConversions.toBoolean(Value.of(true))).isTrue();
        assertThat(ValueConversions.toBoolean(Value.of(0))).isFalse();
        assertThat(ValueConversions.toBoolean(Value.of(new BigDecimal("0.5")))).isTrue();
        assertThat(ValueConversions.toBoolean(Value.of("TRUE"))).isTrue();
        assertThat(ValueConversions.toBoolean(Value.of("f"))).isFalse();
        assertThatThrownBy(() -> ValueConversions.toBoolean(Value.of("perhaps"))).isInstanceOf(SQLDataException.class);
    }

    @Test
    void bytes() throws SQLException {
        assertThat(ValueConversions.toBytes(Value.of(new byte[] {1, 2}))).containsExactly(1, 2);
        assertThat(ValueConversions.toBytes(Value.of("A"))).containsExactly(65);
        assertThatThrownBy(() -> ValueConversions.toBytes(Value.of(1))).isInstanceOf(SQLDataException.class);
    }

    @Test
    void dateTimesConvertAndParse() throws SQLException {
        assertThat(ValueConversions.toLocalDate(Value.of(MOMENT))).isEqualTo(DAY);
        assertThat(ValueConversions.toLocalTime(Value.of(MOMENT))).isEqualTo(NOON);
        assertThat(ValueConversions.toLocalDateTime(Value.of(DAY))).isEqualTo(DAY.atStartOfDay());
        assertThat(ValueConversions.toLocalDate(Value.of("2024-02-29"))).isEqualTo(DAY);
        assertThat(ValueConversions.toLocalTime(Value.of("12:30:15.123456789"))).isEqualTo(NOON);
        assertThat(ValueConversions.toLocalDateTime(Value.of("2024-02-29 12:30:15.123456789"))).isEqualTo(MOMENT);
        assertThat(ValueConversions.toLocalDateTime(Value.of("2024-02-29T12:30:15.123456789"))).isEqualTo(MOMENT);
        assertThatThrownBy(() -> ValueConversions.toLocalDate(Value.of("yesterday"))).isInstanceOf(SQLDataException.class);
        assertThatThrownBy(() -> ValueConversions.toLocalTime(Value.of(DAY))).isInstanceOf(SQLDataException.class);
    }

    @Test
    void sqlDateTimeClassesUseTheJvmZoneOrTheCalendars() throws SQLException {
        assertThat(ValueConversions.toSqlDate(Value.of(DAY), null)).isEqualTo(java.sql.Date.valueOf(DAY));
        assertThat(ValueConversions.toTimestamp(Value.of(MOMENT), null)).isEqualTo(Timestamp.valueOf(MOMENT));
        assertThat(ValueConversions.toTimestamp(Value.of(MOMENT), null).getNanos()).isEqualTo(123_456_789);
        assertThat(ValueConversions.toSqlTime(Value.of(LocalTime.of(8, 1, 2)), null).toLocalTime()).isEqualTo(LocalTime.of(8, 1, 2));
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        assertThat(ValueConversions.toTimestamp(Value.of(MOMENT), utc).toInstant()).isEqualTo(MOMENT.toInstant(ZoneOffset.UTC));
        assertThat(ValueConversions.toSqlDate(Value.of(DAY), utc).getTime()).isEqualTo(DAY.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli());
        assertThat(ValueConversions.toSqlTime(Value.of(LocalTime.of(1, 0)), utc).getTime()).isEqualTo(3_600_000L);
    }

    @Test
    void getObjectGivesJdbcDefaultClasses() {
        assertThat(ValueConversions.toObject(Value.of((short) 3))).isEqualTo(3);
        assertThat(ValueConversions.toObject(Value.of(DAY))).isEqualTo(java.sql.Date.valueOf(DAY));
        assertThat(ValueConversions.toObject(Value.of(MOMENT))).isEqualTo(Timestamp.valueOf(MOMENT));
        assertThat(ValueConversions.toObject(Value.of(LocalTime.of(4, 5, 6)))).isInstanceOf(java.sql.Time.class);
        assertThat(ValueConversions.toObject(Value.of(new byte[] {9}))).isEqualTo(new byte[] {9});
        assertThat(ValueConversions.toObject(Value.of(new BigDecimal("1.5")))).isEqualTo(new BigDecimal("1.5"));
    }

    @Test
    void getObjectWithAClass() throws SQLException {
        Value v = Value.of(MOMENT);
        assertThat(ValueConversions.toObject(v, LocalDateTime.class)).isEqualTo(MOMENT);
        assertThat(ValueConversions.toObject(v, LocalDate.class)).isEqualTo(DAY);
        assertThat(ValueConversions.toObject(v, LocalTime.class)).isEqualTo(NOON);
        assertThat(ValueConversions.toObject(v, OffsetDateTime.class)).isEqualTo(MOMENT.atOffset(ZoneOffset.UTC));
        assertThat(ValueConversions.toObject(v, Timestamp.class)).isEqualTo(Timestamp.valueOf(MOMENT));
        assertThat(ValueConversions.toObject(v, String.class)).isEqualTo("2024-02-29 12:30:15.123456789");
        assertThat(ValueConversions.toObject(Value.of(5), Long.class)).isEqualTo(5L);
        assertThat(ValueConversions.toObject(Value.of(5L), Short.class)).isEqualTo((short) 5);
        assertThat(ValueConversions.toObject(Value.of(5L), BigInteger.class)).isEqualTo(BigInteger.valueOf(5));
        assertThat(ValueConversions.toObject(Value.of("7"), Integer.class)).isEqualTo(7);
        assertThat(ValueConversions.toObject(Value.of(1), Boolean.class)).isTrue();
        assertThat(ValueConversions.toObject(Value.of(DAY), java.sql.Date.class)).isEqualTo(java.sql.Date.valueOf(DAY));
        assertThatThrownBy(() -> ValueConversions.toObject(v, StringBuilder.class)).isInstanceOf(SQLDataException.class);
    }

    @Test
    void everySetterRoundTripsThroughItsGetter() throws SQLException {
        assertThat(ValueConversions.toBoolean(ParameterValues.of(true))).isTrue();
        assertThat(ValueConversions.toByte(ParameterValues.of((byte) -5))).isEqualTo((byte) -5);
        assertThat(ValueConversions.toShort(ParameterValues.of((short) 300))).isEqualTo((short) 300);
        assertThat(ValueConversions.toInt(ParameterValues.of(Integer.MIN_VALUE))).isEqualTo(Integer.MIN_VALUE);
        assertThat(ValueConversions.toLong(ParameterValues.of(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(ValueConversions.toFloat(ParameterValues.of(1.25f))).isEqualTo(1.25f);
        assertThat(ValueConversions.toDouble(ParameterValues.of(Math.PI))).isEqualTo(Math.PI);
        assertThat(ValueConversions.toBigDecimal(ParameterValues.decimal(new BigDecimal("-123.4500")))).isEqualTo(new BigDecimal("-123.4500"));
        assertThat(ValueConversions.toStringValue(ParameterValues.of("x"))).isEqualTo("x");
        assertThat(ValueConversions.toBytes(ParameterValues.of(new byte[] {3, 4}))).containsExactly(3, 4);
        assertThat(ValueConversions.toLocalDate(ParameterValues.of(DAY))).isEqualTo(DAY);
        assertThat(ValueConversions.toLocalTime(ParameterValues.of(NOON))).isEqualTo(NOON);
        assertThat(ValueConversions.toLocalDateTime(ParameterValues.of(MOMENT))).isEqualTo(MOMENT);
        assertThat(ValueConversions.toSqlDate(ParameterValues.date(java.sql.Date.valueOf(DAY), null), null)).isEqualTo(java.sql.Date.valueOf(DAY));
        java.sql.Time t = java.sql.Time.valueOf(LocalTime.of(23, 59, 58));
        assertThat(ValueConversions.toSqlTime(ParameterValues.time(t, null), null)).isEqualTo(t);
        Timestamp ts = Timestamp.valueOf(MOMENT);
        assertThat(ValueConversions.toTimestamp(ParameterValues.timestamp(ts, null), null)).isEqualTo(ts);
        assertThat(ValueConversions.toTimestamp(ParameterValues.of(ts), null)).isEqualTo(ts);
        Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
        assertThat(ValueConversions.toTimestamp(ParameterValues.timestamp(ts, tokyo), tokyo)).isEqualTo(ts);
        assertThat(ValueConversions.toSqlDate(ParameterValues.date(java.sql.Date.valueOf(DAY), tokyo), tokyo).toLocalDate().plusDays(0))
                .isNotNull();
        assertThat(ParameterValues.of(null)).isEqualTo(Value.NULL);
        assertThat(ParameterValues.of('c')).isEqualTo(Value.of("c"));
        assertThat(ParameterValues.of(MOMENT.atOffset(ZoneOffset.ofHours(2)))).isEqualTo(Value.of(MOMENT.minusHours(2)));
    }

    @Test
    void setObjectWithATargetTypeConverts() throws SQLException {
        assertThat(ParameterValues.of("42", Types.INTEGER, 0)).isEqualTo(Value.of(42));
        assertThat(ParameterValues.of(42, Types.VARCHAR, 0)).isEqualTo(Value.of("42"));
        assertThat(ParameterValues.of(1.005d, Types.DECIMAL, 2)).isEqualTo(Value.of(new BigDecimal("1.01")));
        assertThat(ParameterValues.of("2024-02-29", Types.DATE, 0)).isEqualTo(Value.of(DAY));
        assertThat(ParameterValues.of(Timestamp.valueOf(MOMENT), Types.DATE, 0)).isEqualTo(Value.of(DAY));
        assertThat(ParameterValues.of("1", Types.BOOLEAN, 0)).isEqualTo(Value.of(true));
        assertThat(ParameterValues.of(7, Types.BIGINT, 0)).isEqualTo(Value.of(7L));
        assertThat(ParameterValues.of(7, Types.SMALLINT, 0)).isEqualTo(Value.of((short) 7));
        assertThat(ParameterValues.of(7, Types.DOUBLE, 0)).isEqualTo(Value.of(7d));
        assertThat(ParameterValues.of(7, Types.REAL, 0)).isEqualTo(Value.of(7f));
        assertThat(ParameterValues.of("ab", Types.VARBINARY, 0)).isEqualTo(Value.of(new byte[] {'a', 'b'}));
        assertThat(ParameterValues.of(null, Types.INTEGER, 0)).isEqualTo(Value.NULL);
        assertThatThrownBy(() -> ParameterValues.of(1, Types.ARRAY, 0)).isInstanceOf(java.sql.SQLFeatureNotSupportedException.class);
        assertThatThrownBy(() -> ParameterValues.of(new Object())).isInstanceOf(java.sql.SQLFeatureNotSupportedException.class);
    }
}
