package io.shardsql.protocol.message;

/**
 * Rows changed by a statement (a long: JDBC's large update counts).
 * <pre>
 * | count (i64) |
 * </pre>
 */
public record UpdateCount(long count) implements ServerMessage {}
