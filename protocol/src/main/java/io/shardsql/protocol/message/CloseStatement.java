package io.shardsql.protocol.message;

/**
 * Forget a prepared statement. Answered by {@link Ok}, also when the id is unknown (closing is idempotent).
 * <pre>
 * | statement id (i64) |
 * </pre>
 */
public record CloseStatement(long statementId) implements ClientMessage {}
