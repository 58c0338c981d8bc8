package io.shardsql.protocol.message;

/** Commit the session's transaction. Answered by {@link Ok} or {@link ErrorReply} (40001: retry). Empty body. */
public record Commit() implements ClientMessage {}
