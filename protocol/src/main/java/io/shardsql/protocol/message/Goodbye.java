package io.shardsql.protocol.message;

/** The client is closing the connection; the server releases the session and closes too. No answer. Empty body. */
public record Goodbye() implements ClientMessage {}
