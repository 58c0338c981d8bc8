package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSetOption;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a session may change with {@code SET name = value} / {@code RESET name} (PostgreSQL's
 * names): {@code idle_in_transaction_session_timeout} — milliseconds, or a string with a unit
 * ({@code '30s'}, {@code '5min'}), 0 for never, {@code DEFAULT} or RESET for the server's
 * {@code sql.idle-in-transaction-timeout}. Any other name is 42704, a bad value 22023.
 */
final class SessionSettings {
    static final String IDLE_IN_TRANSACTION = "idle_in_transaction_session_timeout";
    private static final Pattern WITH_UNIT = Pattern.compile("\\s*(\\d{1,12})\\s*(ms|s|min|h|d)?\\s*");

    private Duration idleInTransactionTimeout; // null: the server's

    /** The session's own idle-in-transaction timeout, if it set one. */
    Optional<Duration> idleInTransactionTimeout() {
        return Optional.ofNullable(idleInTransactionTimeout);
    }

    StatementResult apply(SqlSetOption set) {
        String name = String.join(".", set.getName().names).toLowerCase(Locale.ROOT);
        if (!name.equals(IDLE_IN_TRANSACTION)) {
            throw new ShardSqlException(ErrorCode.UNDEFINED_OBJECT, "unrecognized configuration parameter \""
                    + name + "\"");
        }
        SqlNode value = set.getValue();
        idleInTransactionTimeout = value == null || isDefault(value) ? null : duration(value);
        return new StatementResult.Done(value == null ? "RESET" : "SET");
    }

    private static boolean isDefault(SqlNode value) {
        return value instanceof SqlIdentifier id && id.isSimple() && id.getSimple().equalsIgnoreCase("default");
    }

    private static Duration duration(SqlNode value) {
        String text;
        if (value instanceof SqlNumericLiteral n) {
            text = n.toValue();
        } else if (value instanceof SqlCharStringLiteral s) {
            text = s.getValueAs(String.class);
        } else if (value instanceof SqlLiteral l) {
            text = l.toValue();
        } else {
            text = value.toString();
        }
        Matcher m = text == null ? null : WITH_UNIT.matcher(text);
        if (m == null || !m.matches()) {
            throw new ShardSqlException(ErrorCode.INVALID_PARAMETER_VALUE, "invalid value for parameter \""
                    + IDLE_IN_TRANSACTION + "\": " + text + " (milliseconds, or a number with ms, s, min, h or d)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofMillis(n);
        };
    }
}
