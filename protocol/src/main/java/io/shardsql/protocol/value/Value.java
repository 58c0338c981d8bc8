package io.shardsql.protocol.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Objects;

/**
 * One typed SQL value as it crosses the wire: a parameter of {@code Execute} or a field of a row.
 * Each variant is a record holding the plain Java value; {@link #of(Object)} and {@link #toObject()}
 * convert from and to the objects JDBC hands around. The wire encoding is in
 * {@code io.shardsql.protocol.codec.ValueCodec}.
 */
public sealed interface Value {
    NullValue NULL = new NullValue();

    ValueType type();

    /** The plain Java value: null, Boolean, Short, Integer, Long, BigDecimal, Float, Double, String,
     *  byte[] (a copy), LocalDate, LocalTime or LocalDateTime. */
    Object toObject();

    default boolean isNull() {
        return this instanceof NullValue;
    }

    /** The value holding {@code o}; {@code byte[]} is copied, Byte widens to SMALLINT, BigInteger becomes DECIMAL. */
    static Value of(Object o) {
        if (o == null) return NULL;
        if (o instanceof Value v) return v;
        if (o instanceof Boolean b) return new BooleanValue(b);
        if (o instanceof Byte b) return new SmallIntValue(b);
        if (o instanceof Short s) return new SmallIntValue(s);
        if (o instanceof Integer i) return new IntegerValue(i);
        if (o instanceof Long l) return new BigIntValue(l);
        if (o instanceof BigDecimal d) return new DecimalValue(d);
        if (o instanceof BigInteger i) return new DecimalValue(new BigDecimal(i));
        if (o instanceof Float f) return new RealValue(f);
        if (o instanceof Double d) return new DoubleValue(d);
        if (o instanceof String s) return new VarcharValue(s);
        if (o instanceof byte[] b) return new VarbinaryValue(Bytes.copyOf(b));
        if (o instanceof Bytes b) return new VarbinaryValue(b);
        if (o instanceof LocalDate d) return new DateValue(d);
        if (o instanceof LocalTime t) return new TimeValue(t);
        if (o instanceof LocalDateTime t) return new TimestampValue(t);
        throw new IllegalArgumentException("no wire type for " + o.getClass().getName());
    }

    /** SQL NULL. The wire carries no type for it; the metadata of the column or parameter does. */
    record NullValue() implements Value {
        public ValueType type() { return ValueType.NULL; }
        public Object toObject() { return null; }
    }

    /** A SQL BOOLEAN. */
    record BooleanValue(boolean value) implements Value {
        public ValueType type() { return ValueType.BOOLEAN; }
        public Object toObject() { return value; }
    }

    /** A SQL SMALLINT (16 bits). */
    record SmallIntValue(short value) implements Value {
        public ValueType type() { return ValueType.SMALLINT; }
        public Object toObject() { return value; }
    }

    /** A SQL INTEGER (32 bits). */
    record IntegerValue(int value) implements Value {
        public ValueType type() { return ValueType.INTEGER; }
        public Object toObject() { return value; }
    }

    /** A SQL BIGINT (64 bits). */
    record BigIntValue(long value) implements Value {
        public ValueType type() { return ValueType.BIGINT; }
        public Object toObject() { return value; }
    }

    /** Any precision, any scale (negative too): the wire carries the unscaled value and the scale. */
    record DecimalValue(BigDecimal value) implements Value {
        public DecimalValue { Objects.requireNonNull(value, "value"); }
        public ValueType type() { return ValueType.DECIMAL; }
        public Object toObject() { return value; }
    }

    /** A SQL REAL (single-precision floating point). */
    record RealValue(float value) implements Value {
        public ValueType type() { return ValueType.REAL; }
        public Object toObject() { return value; }
    }

    /** A SQL DOUBLE (double-precision floating point). */
    record DoubleValue(double value) implements Value {
        public ValueType type() { return ValueType.DOUBLE; }
        public Object toObject() { return value; }
    }

    /** A SQL VARCHAR: character text. */
    record VarcharValue(String value) implements Value {
        public VarcharValue { Objects.requireNonNull(value, "value"); }
        public ValueType type() { return ValueType.VARCHAR; }
        public Object toObject() { return value; }
    }

    /** A SQL VARBINARY: bytes, handed out as a copied {@code byte[]}. */
    record VarbinaryValue(Bytes value) implements Value {
        public VarbinaryValue { Objects.requireNonNull(value, "value"); }
        public ValueType type() { return ValueType.VARBINARY; }
        public Object toObject() { return value.toByteArray(); }
    }

    /** A SQL DATE. */
    record DateValue(LocalDate value) implements Value {
        public DateValue { Objects.requireNonNull(value, "value"); }
        public ValueType type() { return ValueType.DATE; }
        public Object toObject() { return value; }
    }

    /** A SQL TIME without time zone, to the nanosecond. */
    record TimeValue(LocalTime value) implements Value {
        public TimeValue { Objects.requireNonNull(value, "value"); }
        public ValueType type() { return ValueType.TIME; }
        public Object toObject() { return value; }
    }

    /** A timestamp without time zone (SQL TIMESTAMP), to the nanosecond. */
    record TimestampValue(LocalDateTime value) implements Value {
        public TimestampValue { Objects.requireNonNull(value, "value"); }
        public ValueType type() { return ValueType.TIMESTAMP; }
        public Object toObject() { return value; }
    }
}
