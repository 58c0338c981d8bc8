package io.shardsql.sql.parser;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.math.BigDecimal;
import java.util.List;

/**
 * One option of {@code CREATE / ALTER SEQUENCE} or of an identity column's {@code (...)}:
 * {@code INCREMENT [BY] n}, {@code START [WITH] n}, {@code RESTART [[WITH] n]}, {@code MINVALUE n},
 * {@code NO MINVALUE}, {@code MAXVALUE n}, {@code NO MAXVALUE}, {@code CACHE n}, {@code NO CYCLE},
 * {@code CYCLE}, {@code AS type}.
 *
 * @param value the number, or null where the option has none ({@code NO MINVALUE}, a bare {@code RESTART});
 *              for {@link Kind#AS} the largest value of the type
 */
public record SequenceOption(Kind kind, Long value) {
    /** Which option. */
    public enum Kind { INCREMENT, START, RESTART, MINVALUE, MAXVALUE, CACHE, CYCLE, NO_CYCLE, AS }

    /** The option of {@code kind} last given in {@code options}, or null. */
    public static SequenceOption last(List<SequenceOption> options, Kind kind) {
        SequenceOption found = null;
        for (SequenceOption o : options) if (o.kind() == kind) found = o;
        return found;
    }

    /** A number of an option: a literal the parser read, negated after a minus sign; 22003 if not a BIGINT. */
    public static long number(BigDecimal literal, boolean negative) {
        BigDecimal v = negative ? literal.negate() : literal;
        try {
            return v.longValueExact();
        } catch (ArithmeticException e) {
            throw new ShardSqlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "value \"" + v.toPlainString()
                    + "\" is out of range for type bigint");
        }
    }
}
