package io.shardsql.protocol.message;

/** Is the connection alive? ({@code Connection.isValid}) Answered by {@link Pong}. Empty body. */
public record Ping() implements ClientMessage {}
