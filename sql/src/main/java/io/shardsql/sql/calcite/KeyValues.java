package io.shardsql.sql.calcite;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.SqlType;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.util.NlsString;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Evaluates the values of {@link KeyBounds} when a scan starts, as catalog values of the key column's
 * type. A value that cannot be a key of that type (NULL, 5.5 for an integer column) ends an equality
 * with no rows; as a bound it is rounded outwards or dropped, keeping the bounds a superset.
 */
final class KeyValues {
    /** What kind of bound a value is. */
    enum Role { EQUAL, LOWER, UPPER }

    /** A bound dropped: the value is beyond what the type holds on the open side. */
    static final Object UNBOUNDED = new Object();

    private KeyValues() {}

    /** The key value, or empty when no row can match (an equality or bound that nothing satisfies). */
    static Optional<Object> evaluate(RexNode node, SqlType type, Role role, ShardDataContext ctx) {
        Object raw = raw(node, ctx);
        if (raw == null) return Optional.empty();
        return convert(raw, type, role);
    }

    /** A literal's or parameter's value as Calcite represents it (null for NULL). */
    static Object raw(RexNode node, ShardDataContext ctx) {
        if (node instanceof RexDynamicParam p) return ctx.parameter(p.getIndex());
        if (node instanceof RexLiteral l) {
            if (l.getTypeName().getFamily() == SqlTypeFamily.CHARACTER) return l.getValueAs(String.class);
            if (l.getTypeName().getFamily() == SqlTypeFamily.DATE
                    || l.getTypeName().getFamily() == SqlTypeFamily.TIME) {
                return l.getValueAs(Integer.class);
            }
            if (l.getTypeName().getFamily() == SqlTypeFamily.TIMESTAMP) return l.getValueAs(Long.class);
            Object v = l.getValue4();
            return v instanceof NlsString s ? s.getValue() : v;
        }
        if (node instanceof RexCall c) return raw(c.getOperands().get(0), ctx); // a CAST
        throw new IllegalStateException("not a key value: " + node);
    }

    private static Optional<Object> convert(Object raw, SqlType type, Role role) {
        switch (type.kind()) {
            case SMALLINT, INTEGER, BIGINT: {
                BigDecimal d = decimal(raw);
                BigDecimal rounded = switch (role) {
                    case EQUAL -> d.stripTrailingZeros().scale() > 0 ? null : d;
                    case LOWER -> d.setScale(0, RoundingMode.FLOOR);
                    case UPPER -> d.setScale(0, RoundingMode.CEILING);
                };
                if (rounded == null) return Optional.empty();
                long min = type.kind() == SqlType.Kind.SMALLINT ? Short.MIN_VALUE
                        : type.kind() == SqlType.Kind.INTEGER ? Integer.MIN_VALUE : Long.MIN_VALUE;
                long max = type.kind() == SqlType.Kind.SMALLINT ? Short.MAX_VALUE
                        : type.kind() == SqlType.Kind.INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE;
                if (rounded.compareTo(BigDecimal.valueOf(min)) < 0) {
                    return role == Role.LOWER ? Optional.of(UNBOUNDED) : Optional.empty();
                }
                if (rounded.compareTo(BigDecimal.valueOf(max)) > 0) {
                    return role == Role.UPPER ? Optional.of(UNBOUNDED) : Optional.empty();
                }
                return Optional.of(rounded.longValueExact());
            }
            case DECIMAL:
                return Optional.of(decimal(raw));
            case REAL:
                return Optional.of(decimal(raw).floatValue());
            case DOUBLE:
                return Optional.of(raw instanceof Number n && !(raw instanceof BigDecimal) ? n.doubleValue()
                        : decimal(raw).doubleValue());
            case VARCHAR, CHAR, JSON, JSONB: // CHAR(n) keys are never bounded (ShardFilterRule): only VARCHAR gets here
                return Optional.of(raw.toString());
            case VARBINARY:
                return Optional.of(raw instanceof ByteString b ? b.getBytes() : (byte[]) raw);
            case BOOLEAN:
                return Optional.of(raw instanceof Boolean b ? b : Boolean.parseBoolean(raw.toString().trim()));
            case DATE, TIME, TIMESTAMP, TIMESTAMPTZ:
                if (raw instanceof String s) throw new ShardSqlException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                        "cannot compare " + type + " key with '" + s + "'; write a " + type + " literal");
                return Optional.of(ShardTypes.fromInternal(type, raw));
            default:
                throw new IllegalStateException("no key of type " + type);
        }
    }

    private static BigDecimal decimal(Object raw) {
        if (raw instanceof BigDecimal d) return d;
        if (raw instanceof Double || raw instanceof Float) return new BigDecimal(raw.toString());
        if (raw instanceof Number n) return BigDecimal.valueOf(n.longValue());
        try {
            return new BigDecimal(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw new ShardSqlException(ErrorCode.INVALID_TEXT_REPRESENTATION, "invalid number: '" + raw + "'");
        }
    }
}
