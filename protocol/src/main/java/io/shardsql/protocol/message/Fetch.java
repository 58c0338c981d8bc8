package io.shardsql.protocol.message;

/**
 * The next rows of an open cursor. Answered by one {@link RowBatch} of at most {@code maxRows} rows
 * (0: the fetch size the cursor was opened with), or {@link ErrorReply}.
 * <pre>
 * | cursor id (i64) | max rows (u32) |
 * </pre>
 */
public record Fetch(long cursorId, int maxRows) implements ClientMessage {
    public Fetch {
        if (maxRows < 0) throw new IllegalArgumentException("max rows must not be negative");
    }
}
