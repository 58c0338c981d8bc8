package io.shardsql.sql.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

import java.math.BigDecimal;

/**
 * Estimated heap bytes of a row and its values, as {@link StatementMemory} counts them: 16 bytes of array
 * header plus a 4-byte reference per field, and per value its object (a boxed number 16-24, a string 40 plus
 * its characters, a decimal 40 plus its digits, byte arrays 16 plus their length, anything else 32). An
 * estimate that errs high is fine: it only has to stop a statement before the heap runs out.
 */
public final class RowSizes {
    static final long ARRAY_HEADER = 16;
    static final long REFERENCE = 4;
    static final long OTHER = 32;

    private RowSizes() {}

    /** A row as the generated code passes it: an {@code Object[]}, or one value when the row has one field. */
    public static long of(Object row) {
        if (row instanceof Object[] values) {
            long n = ARRAY_HEADER + REFERENCE * values.length;
            for (Object v : values) n += value(v);
            return n;
        }
        return value(row);
    }

    /** {@link #of(Object)}, or {@code otherwise} for a row of a class it does not know (a generated row class). */
    public static long of(Object row, long otherwise) {
        return row == null || row instanceof Object[] || known(row) ? of(row) : otherwise;
    }

    /**
     * A row of {@code type}, estimated from its fields' types: strings and binaries at their declared length
     * (at most 256; 64 when unbounded), decimals 56, 8-byte values 24, the rest 16.
     */
    public static long estimate(RelDataType type) {
        long n = ARRAY_HEADER + REFERENCE * type.getFieldCount();
        for (RelDataTypeField f : type.getFieldList()) {
            RelDataType t = f.getType();
            int p = t.getPrecision();
            long length = p <= 0 || p > 256 ? 64 : p;
            n += switch (t.getSqlTypeName()) {
                case CHAR, VARCHAR -> 40 + length;
                case BINARY, VARBINARY -> 32 + length;
                case DECIMAL -> 56;
                case BIGINT, DOUBLE, TIMESTAMP -> 24;
                default -> 16;
            };
        }
        return n;
    }

    private static boolean known(Object v) {
        return v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Character
                || v instanceof byte[] || v instanceof org.apache.calcite.avatica.util.ByteString
                || v instanceof java.util.Collection<?>;
    }

    static long value(Object v) {
        if (v == null) return 0;
        if (v instanceof String s) return 40 + s.length();
        if (v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Boolean
                || v instanceof Float || v instanceof Character) {
            return 16;
        }
        if (v instanceof Long || v instanceof Double) return 24;
        if (v instanceof BigDecimal d) return 40 + d.unscaledValue().bitLength() / 8 + 16;
        if (v instanceof byte[] b) return ARRAY_HEADER + b.length;
        if (v instanceof org.apache.calcite.avatica.util.ByteString b) return 32 + b.length();
        if (v instanceof Object[] nested) return of(nested);
        if (v instanceof java.util.Collection<?> c) {
            long n = 48;
            for (Object e : c) n += REFERENCE + value(e);
            return n;
        }
        return OTHER;
    }
}
