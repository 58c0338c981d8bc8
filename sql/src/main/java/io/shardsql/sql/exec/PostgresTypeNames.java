package io.shardsql.sql.exec;

import io.shardsql.sql.catalog.SqlType;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column type as PostgreSQL's {@code information_schema.columns} describes it: {@code data_type} in
 * PostgreSQL's spelling ({@code integer}, {@code character varying}, {@code timestamp without time zone}, ...),
 * {@code character_maximum_length} (VARCHAR and CHAR with a length), {@code numeric_precision} and
 * {@code numeric_scale} (the integer and floating point types in bits, as PostgreSQL reports them;
 * {@code numeric} in decimal digits, null when unbounded). An unbounded {@code VARCHAR} is {@code text}
 * (ShardSQL cannot tell {@code TEXT} from {@code VARCHAR} without a length; docs/sql.md, "information_schema").
 *
 * @param dataType           PostgreSQL's name of the type
 * @param characterMaxLength the length of a character type, or null
 * @param numericPrecision   the precision of a numeric type, or null
 * @param numericScale       the scale of an exact numeric type, or null
 */
record PostgresTypeNames(String dataType, Integer characterMaxLength, Integer numericPrecision,
                         Integer numericScale) {

    /** Calcite's type text of a view's column: a name, then optionally {@code (p)} or {@code (p, s)}. */
    private static final Pattern TYPE_TEXT = Pattern.compile("([A-Z_ ]+?)(?:\\((\\d+)(?:, *(\\d+))?\\))?(?: .*)?");

    /** The description of a table column's type. */
    static PostgresTypeNames of(SqlType type) {
        return of(type.kind().name(), type.precision(), type.scale());
    }

    /**
     * The description of a view column's type, stored as Calcite wrote it ({@code VARCHAR(20) CHARACTER SET
     * "UTF-8"}, {@code DECIMAL(10, 2)}, {@code TIMESTAMP(0)}); a name it does not know is shown lower case.
     */
    static PostgresTypeNames ofTypeText(String text) {
        Matcher m = TYPE_TEXT.matcher(text.trim());
        if (!m.matches()) return new PostgresTypeNames(text.toLowerCase(Locale.ROOT), null, null, null);
        int precision = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int scale = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return of(m.group(1).trim(), precision, scale);
    }

    private static PostgresTypeNames of(String kind, int precision, int scale) {
        Integer length = precision > 0 ? precision : null;
        return switch (kind) {
            case "BOOLEAN" -> plain("boolean");
            case "TINYINT", "SMALLINT" -> binary("smallint", 16);
            case "INTEGER" -> binary("integer", 32);
            case "BIGINT" -> binary("bigint", 64);
            case "DECIMAL" -> new PostgresTypeNames("numeric", null, length, length == null ? null : scale);
            case "REAL" -> binary("real", 24);
            case "FLOAT", "DOUBLE" -> binary("double precision", 53);
            case "VARCHAR" -> length == null ? plain("text") : new PostgresTypeNames("character varying", length,
                    null, null);
            case "CHAR" -> new PostgresTypeNames("character", length == null ? 1 : length, null, null);
            case "VARBINARY", "BINARY" -> plain("bytea");
            case "DATE" -> plain("date");
            case "TIME" -> plain("time without time zone");
            case "TIMESTAMP" -> plain("timestamp without time zone");
            case "TIMESTAMP_WITH_LOCAL_TIME_ZONE", "TIMESTAMPTZ" -> plain("timestamp with time zone");
            default -> plain(kind.toLowerCase(Locale.ROOT));
        };
    }

    private static PostgresTypeNames plain(String name) {
        return new PostgresTypeNames(name, null, null, null);
    }

    private static PostgresTypeNames binary(String name, int bits) {
        return new PostgresTypeNames(name, null, bits, name.endsWith("precision") || name.equals("real") ? null : 0);
    }
}
