package io.shardsql.jdbc.meta;

import io.shardsql.protocol.message.ColumnMetadata;

import java.sql.Types;
import java.util.Locale;

/**
 * SQL type names as ShardSQL spells them (the {@code data_type} of {@code sys.columns}: {@code INTEGER},
 * {@code VARCHAR(20)}, {@code DECIMAL(10, 2)}) mapped to {@link Types} codes, precisions and Java classes.
 * <pre>
 * BOOLEAN BOOLEAN     SMALLINT SMALLINT   INTEGER/INT INTEGER   BIGINT BIGINT   DECIMAL/NUMERIC(p, s) DECIMAL
 * REAL REAL           DOUBLE DOUBLE       VARCHAR(n)/TEXT VARCHAR   CHAR(n) CHAR  VARBINARY(n)/BYTEA VARBINARY
 * DATE DATE           TIME TIME           TIMESTAMP TIMESTAMP   TIMESTAMPTZ TIMESTAMP_WITH_TIMEZONE
 * anything else OTHER (JSON, JSONB)
 * </pre>
 */
public final class TypeMapping {
    /** Precision reported for unbounded VARCHAR/VARBINARY and DECIMAL. */
    public static final int MAX_LENGTH = Integer.MAX_VALUE;
    public static final int MAX_DECIMAL_PRECISION = 1000;

    private TypeMapping() {}

    /** A parsed type: its base name, {@link Types} code, precision (length) and scale. */
    public record SqlTypeInfo(String name, int jdbcType, int precision, int scale) {}

    /** Parses {@code VARCHAR(20)}, {@code DECIMAL(10, 2)}, {@code INTEGER}; an unknown name maps to OTHER. */
    public static SqlTypeInfo parse(String dataType) {
        String s = dataType == null ? "" : dataType.trim().toUpperCase(Locale.ROOT);
        int open = s.indexOf('(');
        String base = (open < 0 ? s : s.substring(0, open)).trim();
        int p = -1;
        int scale = 0;
        if (open >= 0 && s.endsWith(")")) {
            String[] args = s.substring(open + 1, s.length() - 1).split(",");
            try {
                p = Integer.parseInt(args[0].trim());
                if (args.length > 1) scale = Integer.parseInt(args[1].trim());
            } catch (NumberFormatException e) {
                p = -1;
            }
        }
        int type = jdbcType(base);
        return new SqlTypeInfo(base, type, p >= 0 ? p : defaultPrecision(type), scale);
    }

    /** The {@link Types} code of a base type name (no length). */
    public static int jdbcType(String base) {
        return switch (base.toUpperCase(Locale.ROOT)) {
            case "BOOLEAN", "BOOL" -> Types.BOOLEAN;
            case "TINYINT" -> Types.TINYINT;
            case "SMALLINT", "INT2" -> Types.SMALLINT;
            case "INTEGER", "INT", "INT4" -> Types.INTEGER;
            case "BIGINT", "INT8" -> Types.BIGINT;
            case "DECIMAL", "NUMERIC" -> Types.DECIMAL;
            case "REAL", "FLOAT4" -> Types.REAL;
            case "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT8" -> Types.DOUBLE;
            case "VARCHAR", "CHARACTER VARYING", "TEXT", "STRING" -> Types.VARCHAR;
            case "CHAR", "CHARACTER" -> Types.CHAR;
            case "VARBINARY", "BINARY VARYING", "BYTEA", "BINARY" -> Types.VARBINARY;
            case "DATE" -> Types.DATE;
            case "TIME" -> Types.TIME;
            case "TIMESTAMP" -> Types.TIMESTAMP;
            case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE" -> Types.TIMESTAMP_WITH_TIMEZONE;
            default -> Types.OTHER; // JSON, JSONB among them, as PostgreSQL's driver reports them
        };
    }

    /** Precision of a type without an explicit one: digits for numbers, characters for date-times. */
    public static int defaultPrecision(int jdbcType) {
        return switch (jdbcType) {
            case Types.BOOLEAN, Types.BIT -> 1;
            case Types.TINYINT -> 3;
            case Types.SMALLINT -> 5;
            case Types.INTEGER -> 10;
            case Types.BIGINT -> 19;
            case Types.REAL -> 7;
            case Types.DOUBLE, Types.FLOAT -> 15;
            case Types.DECIMAL, Types.NUMERIC -> MAX_DECIMAL_PRECISION;
            case Types.DATE -> 10;
            case Types.TIME -> 18;
            case Types.TIMESTAMP -> 29;
            case Types.TIMESTAMP_WITH_TIMEZONE -> 35;
            case Types.VARCHAR, Types.CHAR, Types.VARBINARY -> MAX_LENGTH;
            default -> 0;
        };
    }

    /** Radix of a numeric type's precision (10), or 0 (not numeric). */
    public static int radix(int jdbcType) {
        return isNumeric(jdbcType) ? 10 : 0;
    }

    public static boolean isNumeric(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC, Types.REAL,
                 Types.DOUBLE, Types.FLOAT -> true;
            default -> false;
        };
    }

    public static boolean isSigned(int jdbcType) {
        return isNumeric(jdbcType);
    }

    public static boolean isText(int jdbcType) {
        return jdbcType == Types.VARCHAR || jdbcType == Types.CHAR || jdbcType == Types.LONGVARCHAR;
    }

    /** The class {@code getObject} returns for the type. */
    public static String javaClassName(int jdbcType) {
        return switch (jdbcType) {
            case Types.BOOLEAN, Types.BIT -> Boolean.class.getName();
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> Integer.class.getName();
            case Types.BIGINT -> Long.class.getName();
            case Types.DECIMAL, Types.NUMERIC -> java.math.BigDecimal.class.getName();
            case Types.REAL -> Float.class.getName();
            case Types.DOUBLE, Types.FLOAT -> Double.class.getName();
            case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR -> String.class.getName();
            case Types.VARBINARY, Types.BINARY, Types.LONGVARBINARY -> "[B";
            case Types.DATE -> java.sql.Date.class.getName();
            case Types.TIME -> java.sql.Time.class.getName();
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> java.sql.Timestamp.class.getName();
            default -> Object.class.getName();
        };
    }

    /** Characters needed to show a value of the column. */
    public static int displaySize(ColumnMetadata c) {
        int t = c.jdbcType();
        return switch (t) {
            case Types.BOOLEAN, Types.BIT -> 5;
            case Types.TINYINT -> 4;
            case Types.SMALLINT -> 6;
            case Types.INTEGER -> 11;
            case Types.BIGINT -> 20;
            case Types.REAL -> 15;
            case Types.DOUBLE, Types.FLOAT -> 24;
            case Types.DECIMAL, Types.NUMERIC -> c.precision() > 0 ? c.precision() + 2 : 131089;
            case Types.DATE -> 10;
            case Types.TIME -> 18;
            case Types.TIMESTAMP -> 29;
            case Types.TIMESTAMP_WITH_TIMEZONE -> 35;
            case Types.VARBINARY, Types.BINARY -> c.precision() > 0 && c.precision() < MAX_LENGTH / 2
                    ? c.precision() * 2 : MAX_LENGTH;
            default -> c.precision() > 0 ? c.precision() : MAX_LENGTH;
        };
    }
}
