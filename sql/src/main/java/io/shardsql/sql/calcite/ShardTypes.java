package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.SqlType;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Between the catalog's types and values and Calcite's.
 *
 * <p>Calcite's generated code holds values in its internal representation; the catalog (and the
 * stored rows) in Java's natural one:
 * <pre>
 * SQL type     catalog / stored            Calcite internal
 * SMALLINT     Long                        Short
 * INTEGER      Long                        Integer
 * BIGINT       Long                        Long
 * REAL         Float                       Float
 * DOUBLE       Double                      Double
 * DECIMAL      BigDecimal                  BigDecimal
 * VARCHAR/CHAR String                      String
 * VARBINARY    byte[]                      ByteString
 * DATE         LocalDate                   Integer (days since 1970-01-01)
 * TIME         LocalTime                   Integer (millis of the day)
 * TIMESTAMP    LocalDateTime               Long (millis since 1970-01-01T00:00, no zone)
 * TIMESTAMPTZ  Instant                     Long (millis since 1970-01-01T00:00Z; TIMESTAMP WITH LOCAL TIME ZONE)
 * JSON/JSONB   String                      String (VARCHAR)
 * BOOLEAN      Boolean                     Boolean
 * </pre>
 */
public final class ShardTypes {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private ShardTypes() {}

    public static RelDataType relType(RelDataTypeFactory f, SqlType t, boolean nullable) {
        RelDataType r = switch (t.kind()) {
            case BOOLEAN -> f.createSqlType(SqlTypeName.BOOLEAN);
            case SMALLINT -> f.createSqlType(SqlTypeName.SMALLINT);
            case INTEGER -> f.createSqlType(SqlTypeName.INTEGER);
            case BIGINT -> f.createSqlType(SqlTypeName.BIGINT);
            case REAL -> f.createSqlType(SqlTypeName.REAL);
            case DOUBLE -> f.createSqlType(SqlTypeName.DOUBLE);
            // NUMERIC without precision: Calcite has no unbounded decimal, and DECIMAL(38, 0) made every
            // write cut the fraction off (1.5 was stored as 1). DECIMAL(38, 18), as Spark does: 20 integer
            // and 18 fraction digits; more integer digits are an overflow (22003), never a silent cut.
            case DECIMAL -> t.precision() > 0
                    ? f.createSqlType(SqlTypeName.DECIMAL, t.precision(), t.scale())
                    : f.createSqlType(SqlTypeName.DECIMAL, f.getTypeSystem().getMaxPrecision(SqlTypeName.DECIMAL),
                    ShardTypeSystem.UNBOUNDED_DECIMAL_SCALE);
            // Unbounded for Calcite: its implicit cast to VARCHAR(n) would cut a too-long value silently;
            // the writer checks the length instead and refuses it (22001), as PostgreSQL does.
            case VARCHAR -> f.createSqlType(SqlTypeName.VARCHAR);
            case CHAR -> f.createSqlType(SqlTypeName.CHAR, Math.max(1, t.precision()));
            case VARBINARY -> f.createSqlType(SqlTypeName.VARBINARY);
            case DATE -> f.createSqlType(SqlTypeName.DATE);
            case TIME -> f.createSqlType(SqlTypeName.TIME, 3);
            case TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP, 3);
            // Calcite's TIMESTAMP WITH LOCAL TIME ZONE is an instant (millis since the epoch), shown in the
            // session's zone, which is UTC: PostgreSQL's timestamptz (docs/sql.md, "TIMESTAMP WITH TIME ZONE").
            case TIMESTAMPTZ -> f.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3);
            // JSON and JSONB are text to Calcite; the writer validates (and for JSONB normalizes) the text.
            case JSON, JSONB -> f.createSqlType(SqlTypeName.VARCHAR);
        };
        return f.createTypeWithNullability(r, nullable);
    }

    /** A catalog value as Calcite's generated code holds it. */
    public static Object toInternal(SqlType t, Object v) {
        if (v == null) return null;
        return switch (t.kind()) {
            case SMALLINT -> ((Long) v).shortValue();
            case INTEGER -> ((Long) v).intValue();
            case VARBINARY -> new ByteString((byte[]) v);
            // Stored decimals are normalised (1.50 is kept as 1.5); DECIMAL(p, s) shows s digits.
            case DECIMAL -> t.precision() > 0 ? ((BigDecimal) v).setScale(t.scale(), java.math.RoundingMode.HALF_UP)
                    : v;
            case DATE -> (int) ((LocalDate) v).toEpochDay();
            case TIME -> (int) (((LocalTime) v).toNanoOfDay() / 1_000_000);
            case TIMESTAMP -> ((LocalDateTime) v).toInstant(ZoneOffset.UTC).toEpochMilli();
            case TIMESTAMPTZ -> ((Instant) v).toEpochMilli();
            default -> v;
        };
    }

    /** A value of Calcite's internal representation (any numeric width) as the catalog stores it. */
    public static Object fromInternal(SqlType t, Object v) {
        if (v == null) return null;
        return switch (t.kind()) {
            case SMALLINT, INTEGER, BIGINT -> ((Number) v).longValue();
            case REAL -> ((Number) v).floatValue();
            case DOUBLE -> ((Number) v).doubleValue();
            case DECIMAL -> v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
            case VARBINARY -> v instanceof ByteString b ? b.getBytes() : (byte[]) v;
            case DATE -> LocalDate.ofEpochDay(((Number) v).longValue());
            case TIME -> LocalTime.ofNanoOfDay(Math.floorMod(((Number) v).longValue(), MILLIS_PER_DAY) * 1_000_000);
            case TIMESTAMP -> LocalDateTime.ofEpochSecond(Math.floorDiv(((Number) v).longValue(), 1000L),
                    (int) Math.floorMod(((Number) v).longValue(), 1000L) * 1_000_000, ZoneOffset.UTC);
            case TIMESTAMPTZ -> v instanceof Instant i ? i : Instant.ofEpochMilli(((Number) v).longValue());
            case CHAR, VARCHAR, JSON, JSONB -> v.toString();
            case BOOLEAN -> v;
        };
    }

    /**
     * A result value of SQL type {@code type} as a client gets it: the catalog's Java types (numbers
     * widened as the SQL type says, dates as {@code java.time}, a TIMESTAMP WITH TIME ZONE as an {@code Instant}),
     * {@code byte[]} for binary.
     */
    public static Object toExternal(RelDataType type, Object v) {
        if (v == null) return null;
        return switch (type.getSqlTypeName()) {
            case DATE -> LocalDate.ofEpochDay(((Number) v).longValue());
            case TIME, TIME_WITH_LOCAL_TIME_ZONE ->
                    LocalTime.ofNanoOfDay(Math.floorMod(((Number) v).longValue(), MILLIS_PER_DAY) * 1_000_000);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Instant.ofEpochMilli(((Number) v).longValue());
            case TIMESTAMP -> LocalDateTime.ofEpochSecond(
                    Math.floorDiv(((Number) v).longValue(), 1000L),
                    (int) Math.floorMod(((Number) v).longValue(), 1000L) * 1_000_000, ZoneOffset.UTC);
            case BINARY, VARBINARY -> v instanceof ByteString b ? b.getBytes() : v;
            case TINYINT, SMALLINT -> v instanceof Number n ? (Object) n.shortValue() : v;
            case INTEGER -> v instanceof Number n ? (Object) n.intValue() : v;
            case BIGINT -> v instanceof Number n ? (Object) n.longValue() : v;
            case CHAR, VARCHAR -> v.toString();
            default -> v;
        };
    }
}
