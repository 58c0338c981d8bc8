package io.shardsql.protocol.message;

/** A statement finished with neither rows nor an update count (DDL, BEGIN, SET). Empty body. */
public record Done() implements ServerMessage {}
