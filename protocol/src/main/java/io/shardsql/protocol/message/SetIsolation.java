package io.shardsql.protocol.message;

import java.sql.Connection;

/**
 * Set the isolation level of the session's next transactions, as a {@code java.sql.Connection}
 * constant. The server runs the weakest level it supports that is at least as strong (see
 * {@link AuthOk#supportedIsolations()}). Answered by {@link Ok}.
 * <pre>
 * | level (u8) |
 * </pre>
 */
public record SetIsolation(int level) implements ClientMessage {
    public SetIsolation {
        check(level);
    }

    static void check(int level) {
        if (level != Connection.TRANSACTION_READ_UNCOMMITTED && level != Connection.TRANSACTION_READ_COMMITTED
                && level != Connection.TRANSACTION_REPEATABLE_READ && level != Connection.TRANSACTION_SERIALIZABLE) {
            throw new IllegalArgumentException("not a JDBC isolation level: " + level);
        }
    }
}
