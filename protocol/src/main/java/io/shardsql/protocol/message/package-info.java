/**
 * The messages of the wire protocol as records: {@link io.shardsql.protocol.message.ClientMessage}s
 * (driver to server) and {@link io.shardsql.protocol.message.ServerMessage}s (server to driver), sealed
 * so that a handler's dispatch is complete, and {@link io.shardsql.protocol.message.Envelope}, a message
 * with its frame's request id. Each record's Javadoc draws its body layout; {@code docs/protocol.md}
 * tells which message answers which. Plain data, no Netty: the codecs live in
 * {@code io.shardsql.protocol.codec}.
 */
package io.shardsql.protocol.message;
