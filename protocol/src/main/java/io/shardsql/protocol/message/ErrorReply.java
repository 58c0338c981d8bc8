package io.shardsql.protocol.message;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.util.Objects;

/**
 * A request failed. The message is for people and never holds a stack trace. With request id 0 it
 * concerns the connection, which the server closes after sending it. Its layout is the same in every
 * protocol version.
 * <pre>
 * | sqlstate (string) | vendor code (i32) | message (string) | line (i32) | column (i32) |
 * </pre>
 *
 * @param vendorCode an {@link ErrorCode#number()}
 * @param line       1-based position of a SQL error in the statement text, or -1
 * @param column     1-based, or -1
 */
public record ErrorReply(String sqlState, int vendorCode, String message, int line, int column)
        implements ServerMessage {
    public ErrorReply {
        Objects.requireNonNull(sqlState, "sqlState");
        Objects.requireNonNull(message, "message");
        if (sqlState.length() != 5) throw new IllegalArgumentException("a SQLState has five characters: " + sqlState);
    }

    public static ErrorReply of(ErrorCode code, String message) {
        return new ErrorReply(code.sqlState(), code.number(), message, -1, -1);
    }

    public static ErrorReply of(ShardSqlException e) {
        return of(e.code(), String.valueOf(e.getMessage()));
    }

    /** The error as the exception it reports (its code looked up by vendor code). */
    public ShardSqlException toException() {
        return new ShardSqlException(ErrorCode.ofNumber(vendorCode), message);
    }
}
