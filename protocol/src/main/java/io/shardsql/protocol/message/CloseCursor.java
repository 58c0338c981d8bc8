package io.shardsql.protocol.message;

/**
 * Close an open cursor before its last batch. Answered by {@link Ok}, also when the cursor is already
 * closed (the server closes a cursor itself after its last batch).
 * <pre>
 * | cursor id (i64) |
 * </pre>
 */
public record CloseCursor(long cursorId) implements ClientMessage {}
