package io.shardsql.protocol.message;

/** Roll back the session's transaction. Answered by {@link Ok}. Empty body. */
public record Rollback() implements ClientMessage {}
