package io.shardsql.protocol.message;

import io.shardsql.protocol.value.Value;

import java.util.List;
import java.util.Objects;

/**
 * Run a statement with its parameters. Answered by one of:
 * <ul>
 *   <li>{@link ResultHeader} then one {@link RowBatch} of at most {@code fetchSize} rows: a query. If the
 *       batch is not the last, the cursor stays open and the server waits for {@link Fetch};</li>
 *   <li>{@link UpdateCount}: an INSERT, UPDATE, DELETE or UPSERT;</li>
 *   <li>{@link Done}: a statement with neither rows nor a count (DDL, transaction control);</li>
 *   <li>{@link ErrorReply}: the statement failed (SQLState 57014 if cancelled or timed out).</li>
 * </ul>
 * <pre>
 * | statement (StatementRef) | parameters (list&lt;value&gt;) | fetch size (u32) | max rows (i64) | timeout ms (u32) |
 * </pre>
 *
 * @param fetchSize     rows per batch; 0 lets the server choose
 * @param maxRows       stop the result after this many rows; 0 means no limit
 * @param timeoutMillis cancel the statement after this long; 0 means no timeout
 */
public record Execute(StatementRef statement, List<Value> parameters, int fetchSize, long maxRows, int timeoutMillis)
        implements ClientMessage {
    public Execute {
        Objects.requireNonNull(statement, "statement");
        parameters = List.copyOf(parameters);
        if (fetchSize < 0 || maxRows < 0 || timeoutMillis < 0) {
            throw new IllegalArgumentException("fetch size, max rows and timeout must not be negative");
        }
    }
}
