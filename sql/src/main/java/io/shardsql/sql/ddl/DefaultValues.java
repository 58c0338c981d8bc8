package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.text.JsonText;
import io.shardsql.sql.text.TimestampTzText;
import io.shardsql.sql.rows.RowChecker;
import org.apache.calcite.util.BitString;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBinaryStringLiteral;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDateLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlTimeLiteral;
import org.apache.calcite.sql.SqlTimestampLiteral;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * Evaluates a column's {@code DEFAULT} once, at CREATE TABLE / ADD COLUMN time, into a value of the
 * column's type (checked like a stored value, {@link RowChecker}). A default is a literal, optionally
 * signed: numbers, strings, {@code TRUE}/{@code FALSE}, {@code NULL}, {@code DATE '…'}, {@code TIME '…'},
 * {@code TIMESTAMP '…'}, {@code X'…'}. A string is also taken for a DATE, TIME or TIMESTAMP column (ISO
 * form), as PostgreSQL takes an untyped literal. Expressions (functions, CURRENT_TIMESTAMP) are
 * {@code 0A000}; a literal of another type is {@code 42804}.
 */
final class DefaultValues {
    private DefaultValues() {}

    static Object evaluate(SqlNode expr, ColumnDef column) {
        if (expr == null) return null;
        Object raw = literal(expr, column);
        if (raw == null) return null;
        Object v = convert(raw, column.type(), column);
        return RowChecker.typed(column, v);
    }

    private static Object literal(SqlNode expr, ColumnDef column) {
        if (expr instanceof SqlBasicCall call
                && (call.getKind() == SqlKind.MINUS_PREFIX || call.getKind() == SqlKind.PLUS_PREFIX)
                && call.operand(0) instanceof SqlNumericLiteral n) {
            BigDecimal v = n.getValueAs(BigDecimal.class);
            return call.getKind() == SqlKind.MINUS_PREFIX ? v.negate() : v;
        }
        if (!(expr instanceof SqlLiteral lit)) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "DEFAULT of column \"" + column.name()
                    + "\" must be a literal, not " + expr);
        }
        if (lit instanceof SqlUnknownLiteral typed) return typedString(typed, column); // DATE '…' and friends
        if (lit.getTypeName() == SqlTypeName.NULL) return null;
        if (lit instanceof SqlNumericLiteral) return lit.getValueAs(BigDecimal.class);
        if (lit instanceof SqlCharStringLiteral) return lit.getValueAs(String.class);
        if (lit instanceof SqlBinaryStringLiteral) return lit.getValueAs(BitString.class).getAsByteArray();
        if (lit instanceof SqlDateLiteral) return LocalDate.parse(lit.toValue());
        if (lit instanceof SqlTimeLiteral) return LocalTime.parse(lit.toValue());
        if (lit instanceof SqlTimestampLiteral) return LocalDateTime.parse(lit.toValue().replace(' ', 'T'));
        if (lit.getTypeName() == SqlTypeName.BOOLEAN) return lit.booleanValue();
        throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "DEFAULT " + lit + " of column \"" + column.name()
                + "\" is not supported");
    }

    /**
     * {@code DATE '…'}, {@code TIME '…'}, {@code TIMESTAMP '…'}: the parser leaves them for the validator to
     * type.
     */
    private static Object typedString(SqlUnknownLiteral lit, ColumnDef column) {
        String v = lit.getValue().trim();
        try {
            return switch (lit.tag.toUpperCase(java.util.Locale.ROOT)) {
                case "DATE" -> LocalDate.parse(v);
                case "TIME" -> LocalTime.parse(v);
                case "TIMESTAMP" -> LocalDateTime.parse(v.replace(' ', 'T'));
                default -> throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                        "DEFAULT " + lit + " of column \""
                        + column.name() + "\" is not supported");
            };
        } catch (DateTimeParseException e) {
            throw new ShardSqlException(ErrorCode.DATATYPE_MISMATCH, "DEFAULT " + lit + " of column \"" + column.name()
                    + "\" is not a valid " + lit.tag);
        }
    }

    private static Object convert(Object v, SqlType type, ColumnDef column) {
        try {
            switch (type.kind()) {
                case SMALLINT, INTEGER, BIGINT -> {
                    if (v instanceof BigDecimal d) return d.longValueExact();
                }
                case DECIMAL -> {
                    if (v instanceof BigDecimal d) return d;
                }
                case REAL -> {
                    if (v instanceof BigDecimal d) return d.floatValue();
                }
                case DOUBLE -> {
                    if (v instanceof BigDecimal d) return d.doubleValue();
                }
                case DATE -> {
                    if (v instanceof String s) return LocalDate.parse(s.trim());
                }
                case TIME -> {
                    if (v instanceof String s) return LocalTime.parse(s.trim());
                }
                case TIMESTAMP -> {
                    if (v instanceof String s) return LocalDateTime.parse(s.trim().replace(' ', 'T'));
                }
                case TIMESTAMPTZ -> {
                    if (v instanceof String s) return TimestampTzText.parse(s);
                    if (v instanceof LocalDateTime t) return t.toInstant(java.time.ZoneOffset.UTC);
                }
                case JSON -> {
                    if (v instanceof String s) return JsonText.json(s);
                }
                case JSONB -> {
                    if (v instanceof String s) return JsonText.jsonb(s);
                }
                default -> { }
            }
        } catch (ArithmeticException | DateTimeParseException e) {
            throw mismatch(v, column);
        }
        if (!type.kind().javaClass().isInstance(v)) throw mismatch(v, column);
        return v;
    }

    private static ShardSqlException mismatch(Object v, ColumnDef column) {
        String shown = v instanceof String s ? "'" + s + "'" : v instanceof BigDecimal d ? d.toPlainString()
                : String.valueOf(v);
        return new ShardSqlException(ErrorCode.DATATYPE_MISMATCH,
                "column \"" + column.name() + "\" is of type " + column.type()
                + " but its DEFAULT is " + shown);
    }
}
