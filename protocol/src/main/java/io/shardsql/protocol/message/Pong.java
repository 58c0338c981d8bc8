package io.shardsql.protocol.message;

/** The answer to {@link Ping}. Empty body. */
public record Pong() implements ServerMessage {}
