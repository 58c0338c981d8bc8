package io.shardsql.sql.catalog;

import io.shardsql.storage.keys.KeyType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * A column's SQL type. {@code precision} is the length of VARCHAR/CHAR/VARBINARY or the precision of
 * DECIMAL (0: unbounded); {@code scale} is DECIMAL's scale.
 *
 * <p>Java values: BOOLEAN {@link Boolean}; SMALLINT, INTEGER, BIGINT {@link Long}; DECIMAL
 * {@link BigDecimal}; REAL {@link Float}; DOUBLE {@link Double}; VARCHAR, CHAR {@link String};
 * VARBINARY {@code byte[]}; DATE {@link LocalDate}; TIME {@link LocalTime}; TIMESTAMP
 * {@link LocalDateTime}; TIMESTAMPTZ {@link Instant}; JSON, JSONB {@link String}.
 *
 * <p>Kinds are stored by name in the catalog ({@code CatalogCodec}): new ones are appended, none renamed.
 */
public record SqlType(Kind kind, int precision, int scale) {

    /** The SQL types a column can have, each with the {@link KeyType} that encodes its values and their Java class. */
    public enum Kind {
        BOOLEAN(KeyType.BOOLEAN, Boolean.class),
        SMALLINT(KeyType.LONG, Long.class),
        INTEGER(KeyType.LONG, Long.class),
        BIGINT(KeyType.LONG, Long.class),
        DECIMAL(KeyType.DECIMAL, BigDecimal.class),
        REAL(KeyType.FLOAT, Float.class),
        DOUBLE(KeyType.DOUBLE, Double.class),
        VARCHAR(KeyType.STRING, String.class),
        CHAR(KeyType.STRING, String.class),
        VARBINARY(KeyType.BYTES, byte[].class),
        DATE(KeyType.DATE, LocalDate.class),
        TIME(KeyType.TIME, LocalTime.class),
        TIMESTAMP(KeyType.TIMESTAMP, LocalDateTime.class),
        /** TIMESTAMP WITH TIME ZONE (PostgreSQL's timestamptz): an instant, shown in UTC. */
        TIMESTAMPTZ(KeyType.TIMESTAMP_TZ, Instant.class),
        /** JSON: the text as written, validated. */
        JSON(KeyType.STRING, String.class),
        /** JSONB: the normalized text (keys sorted and unique, no white space), see {@code JsonText}. */
        JSONB(KeyType.STRING, String.class);

        private final KeyType keyType;
        private final Class<?> javaClass;

        Kind(KeyType keyType, Class<?> javaClass) {
            this.keyType = keyType;
            this.javaClass = javaClass;
        }

        public KeyType keyType() { return keyType; }

        public Class<?> javaClass() { return javaClass; }
    }

    public SqlType {
        if (precision < 0 || scale < 0 || (kind == Kind.DECIMAL && precision > 0 && scale > precision)) {
            throw new IllegalArgumentException("bad " + kind + "(" + precision + ", " + scale + ")");
        }
    }

    public static SqlType of(Kind kind) { return new SqlType(kind, 0, 0); }

    public static SqlType varchar(int length) { return new SqlType(Kind.VARCHAR, length, 0); }

    public static SqlType decimal(int precision, int scale) { return new SqlType(Kind.DECIMAL, precision, scale); }

    /** How values of this type are encoded in keys. */
    public KeyType keyType() { return kind.keyType(); }

    /** The type as SQL spells it: {@code VARCHAR(20)}, {@code DECIMAL(10, 2)}, {@code BIGINT}. */
    @Override
    public String toString() {
        return switch (kind) {
            case VARCHAR, CHAR, VARBINARY -> precision > 0 ? kind + "(" + precision + ")" : kind.name();
            case DECIMAL -> precision > 0 ? "DECIMAL(" + precision + ", " + scale + ")" : "DECIMAL";
            default -> kind.name();
        };
    }
}
