package io.shardsql.protocol.message;

/**
 * Make the session's next transactions read-only (or not). Answered by {@link Ok}.
 * <pre>
 * | read only (bool) |
 * </pre>
 */
public record SetReadOnly(boolean readOnly) implements ClientMessage {}
