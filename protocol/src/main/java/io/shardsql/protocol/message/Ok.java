package io.shardsql.protocol.message;

/** A request without a result succeeded (commit, rollback, settings, close, cancel). Empty body. */
public record Ok() implements ServerMessage {}
