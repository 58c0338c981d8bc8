package io.shardsql.protocol.message;

import java.util.Objects;

/**
 * Parse and plan one statement, to run it many times. Answered by {@link Prepared} or {@link ErrorReply}
 * (a bad statement never closes the connection).
 * <pre>
 * | sql (string) |
 * </pre>
 */
public record Prepare(String sql) implements ClientMessage {
    public Prepare {
        Objects.requireNonNull(sql, "sql");
    }
}
