package io.shardsql.protocol.message;

/**
 * A message of the wire protocol: the body of one frame. {@link ClientMessage}s go from driver to
 * server, {@link ServerMessage}s back; each travels in an {@link Envelope} with the request id that
 * ties answers to their request. Layouts are drawn in each record's Javadoc, using the notation of
 * {@code docs/protocol.md} ({@code string} = varint length + UTF-8, {@code bytes} = varint length +
 * bytes, {@code list<T>} = varint count + elements, {@code value} = tag + payload).
 */
public sealed interface Message permits ClientMessage, ServerMessage {
}
