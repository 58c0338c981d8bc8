package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.parser.IsolationLevel;
import io.shardsql.txn.TxnIsolation;
import io.shardsql.sql.calcite.ShardTypeSystem;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSetOption;

import org.apache.calcite.sql.type.SqlTypeName;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings a session may change with {@code SET name = value} / {@code RESET name} (PostgreSQL's
 * names): {@code idle_in_transaction_session_timeout} — milliseconds, or a string with a unit
 * ({@code '30s'}, {@code '5min'}), 0 for never, {@code DEFAULT} or RESET for the server's
 * {@code sql.idle-in-transaction-timeout}; {@code default_transaction_isolation} — {@code 'serializable'},
 * {@code 'repeatable read'} (the default), {@code 'read committed'} or {@code 'read uncommitted'} (both run as
 * repeatable read: snapshot isolation). Any other name is 42704, a bad value 22023.
 */
final class SessionSettings {
    static final String IDLE_IN_TRANSACTION = "idle_in_transaction_session_timeout";
    private static final Pattern WITH_UNIT = Pattern.compile("\\s*(\\d{1,12})\\s*(ms|s|min|h|d)?\\s*");

    static final String DEFAULT_ISOLATION = "default_transaction_isolation";
    static final String TRANSACTION_ISOLATION = "transaction_isolation";

    private static final JavaTypeFactoryImpl TYPES = new JavaTypeFactoryImpl(ShardTypeSystem.INSTANCE);

    private Duration idleInTransactionTimeout; // null: the server's
    private TxnIsolation defaultIsolation = TxnIsolation.SNAPSHOT;

    /** The isolation of the transactions the session begins without naming one. */
    TxnIsolation defaultIsolation() { return defaultIsolation; }

    void setDefaultIsolation(TxnIsolation isolation) {
        defaultIsolation = java.util.Objects.requireNonNull(isolation, "isolation");
    }

    /** What runs for the level SQL names: SERIALIZABLE, or snapshot isolation for every weaker level. */
    static TxnIsolation isolationOf(IsolationLevel level) {
        return level == IsolationLevel.SERIALIZABLE ? TxnIsolation.SERIALIZABLE : TxnIsolation.SNAPSHOT;
    }

    /** The level as PostgreSQL's {@code SHOW transaction_isolation} spells it. */
    static String spelling(TxnIsolation isolation) {
        return isolation == TxnIsolation.SERIALIZABLE ? "serializable" : "repeatable read";
    }

    /** The session's own idle-in-transaction timeout, if it set one. */
    Optional<Duration> idleInTransactionTimeout() {
        return Optional.ofNullable(idleInTransactionTimeout);
    }

    StatementResult apply(SqlSetOption set) {
        String name = String.join(".", set.getName().names).toLowerCase(Locale.ROOT);
        if (name.equals(DEFAULT_ISOLATION)) {
            defaultIsolation = set.getValue() == null || isDefault(set.getValue()) ? TxnIsolation.SNAPSHOT
                    : isolation(text(set.getValue()));
            return new StatementResult.Done(set.getValue() == null ? "RESET" : "SET");
        }
        if (!name.equals(IDLE_IN_TRANSACTION)) {
            throw new ShardSqlException(ErrorCode.UNDEFINED_OBJECT, "unrecognized configuration parameter \""
                    + name + "\"");
        }
        SqlNode value = set.getValue();
        idleInTransactionTimeout = value == null || isDefault(value) ? null : duration(value);
        return new StatementResult.Done(value == null ? "RESET" : "SET");
    }

    /**
     * {@code SHOW name}: one row, one VARCHAR column named after the setting. {@code transaction_isolation} is the
     * level that runs ({@code current}: the open block's, else the default), so READ COMMITTED shows as
     * {@code repeatable read}.
     */
    StatementResult show(String name, TxnIsolation current) {
        String value = switch (name) {
            case TRANSACTION_ISOLATION -> spelling(current);
            case DEFAULT_ISOLATION -> spelling(defaultIsolation);
            case IDLE_IN_TRANSACTION -> idleInTransactionTimeout == null ? "default"
                    : idleInTransactionTimeout.toMillis() + "ms";
            default -> throw new ShardSqlException(ErrorCode.UNDEFINED_OBJECT, "unrecognized configuration parameter \""
                    + name + "\"");
        };
        RelDataType row = SnapshotStatements.rowType(TYPES,
                List.of(new SnapshotStatements.Column(name, SqlTypeName.VARCHAR, false)));
        RowCursor cursor = new RowCursor(Linq4j.enumerator(List.<Object[]>of(new Object[] {value})), row, () -> { },
                () -> { });
        return new StatementResult.Rows(row.getFieldList().stream().map(ResultColumn::of).toList(), cursor);
    }

    private static boolean isDefault(SqlNode value) {
        return value instanceof SqlIdentifier id && id.isSimple() && id.getSimple().equalsIgnoreCase("default");
    }

    private static TxnIsolation isolation(String text) {
        String level = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return switch (level) {
            case "serializable" -> TxnIsolation.SERIALIZABLE;
            case "repeatable read", "read committed", "read uncommitted" -> TxnIsolation.SNAPSHOT;
            default -> throw new ShardSqlException(ErrorCode.INVALID_PARAMETER_VALUE, "invalid value for parameter \""
                    + DEFAULT_ISOLATION + "\": \"" + text + "\" (serializable, repeatable read, read committed or"
                    + " read uncommitted)");
        };
    }

    private static String text(SqlNode value) {
        if (value instanceof SqlCharStringLiteral s) return s.getValueAs(String.class);
        if (value instanceof SqlLiteral l) return l.toValue();
        return value.toString();
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
