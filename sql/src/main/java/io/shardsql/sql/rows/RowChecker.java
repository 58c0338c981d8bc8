package io.shardsql.sql.rows;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.text.JsonText;
import io.shardsql.sql.catalog.TableDef;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Checks values against their columns before anything is written, and brings them to the stored form.
 *
 * <ul>
 *   <li>NULL in a NOT NULL column: {@code 23502}.</li>
 *   <li>Java class not the type's ({@link SqlType}): {@code 42804}. {@code Integer}, {@code Short} and
 *       {@code Byte} are taken for the integer kinds and widened to {@code Long}.</li>
 *   <li>SMALLINT and INTEGER outside their range: {@code 22003}.</li>
 *   <li>DECIMAL(p, s): rounded half-up to {@code s} digits (as PostgreSQL does), then more than
 *       {@code p - s} integer digits: {@code 22003}. DECIMAL without precision keeps the value as it is.</li>
 *   <li>VARCHAR(n), CHAR(n), VARBINARY(n) longer than {@code n}: {@code 22001} — except that trailing
 *       spaces beyond {@code n} are cut, as the SQL standard says. A shorter CHAR(n) value is padded
 *       with spaces to {@code n} (how Calcite compares CHAR(n) values, and how PostgreSQL shows them).</li>
 * </ul>
 */
public final class RowChecker {
    private RowChecker() {}

    /** The row, checked and normalized (a copy; the argument is not changed). */
    public static Object[] row(TableDef table, Object[] row) {
        List<ColumnDef> cols = table.columns();
        if (row.length != cols.size()) {
            throw new IllegalArgumentException("table " + table.name() + " has " + cols.size() + " columns, the row "
                    + row.length);
        }
        Object[] out = new Object[row.length];
        for (int i = 0; i < row.length; i++) out[i] = value(table, cols.get(i), row[i]);
        return out;
    }

    /** One value of {@code column} of {@code table}, checked and normalized. */
    public static Object value(TableDef table, ColumnDef column, Object v) {
        if (v == null) {
            if (!column.nullable()) {
                throw new ShardSqlException(ErrorCode.NOT_NULL_VIOLATION, "null value in column \"" + column.name()
                        + "\" of table \"" + table.name() + "\" violates not-null constraint");
            }
            return null;
        }
        return typed(column, v);
    }

    /** {@code v} (not null) as a value of the column's type, or an error naming the column. */
    public static Object typed(ColumnDef column, Object v) {
        SqlType type = column.type();
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) v = ((Number) v).longValue();
        if (!type.kind().javaClass().isInstance(v)) {
            throw new ShardSqlException(ErrorCode.DATATYPE_MISMATCH,
                    "column \"" + column.name() + "\" is of type " + type
                    + " but the value is a " + v.getClass().getSimpleName());
        }
        return switch (type.kind()) {
            case SMALLINT -> inRange(column, (Long) v, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER -> inRange(column, (Long) v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case DECIMAL -> decimal(column, (BigDecimal) v);
            case VARCHAR -> string(column, (String) v);
            case CHAR -> padded(string(column, (String) v), type.precision());
            case VARBINARY -> bytes(column, (byte[]) v);
            case JSON -> JsonText.json((String) v);
            case JSONB -> JsonText.jsonb((String) v);
            default -> v;
        };
    }

    private static Long inRange(ColumnDef column, long v, long min, long max) {
        if (v < min || v > max) {
            throw new ShardSqlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE,
                    column.type() + " out of range for column \""
                    + column.name() + "\": " + v);
        }
        return v;
    }

    private static BigDecimal decimal(ColumnDef column, BigDecimal v) {
        SqlType t = column.type();
        if (t.precision() == 0) return v;
        BigDecimal scaled = v.setScale(t.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > t.precision() - t.scale()) {
            throw new ShardSqlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE,
                    "numeric field overflow in column \"" + column.name()
                    + "\": a field with precision " + t.precision() + ", scale " + t.scale()
                    + " must round to an absolute value less than 10^"
                    + (t.precision() - t.scale()) + ", got " + v.toPlainString());
        }
        return scaled;
    }

    private static String string(ColumnDef column, String v) {
        int n = column.type().precision();
        int length = v.codePointCount(0, v.length());
        if (n == 0 || length <= n) return v;
        int cut = v.offsetByCodePoints(0, n);
        if (v.substring(cut).chars().allMatch(c -> c == ' ')) return v.substring(0, cut);
        throw new ShardSqlException(ErrorCode.STRING_DATA_RIGHT_TRUNCATION, "value too long for type " + column.type()
                + " of column \"" + column.name() + "\" (" + length + " characters)");
    }

    /** {@code v} with spaces added up to {@code n} characters. */
    public static String padded(String v, int n) {
        int length = v.codePointCount(0, v.length());
        return length >= n ? v : v + " ".repeat(n - length);
    }

    private static byte[] bytes(ColumnDef column, byte[] v) {
        int n = column.type().precision();
        if (n == 0 || v.length <= n) return v;
        throw new ShardSqlException(ErrorCode.STRING_DATA_RIGHT_TRUNCATION, "value too long for type " + column.type()
                + " of column \"" + column.name() + "\" (" + v.length + " bytes)");
    }
}
