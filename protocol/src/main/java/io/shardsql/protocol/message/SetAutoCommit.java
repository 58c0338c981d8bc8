package io.shardsql.protocol.message;

/**
 * Switch autocommit; switching it on commits an open transaction (as JDBC says). Answered by {@link Ok}.
 * <pre>
 * | auto commit (bool) |
 * </pre>
 */
public record SetAutoCommit(boolean autoCommit) implements ClientMessage {}
