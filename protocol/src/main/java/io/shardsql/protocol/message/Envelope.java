package io.shardsql.protocol.message;

import java.util.Objects;

/**
 * A message with the request id of its frame. The client numbers its requests (any int but 0, usually
 * 1, 2, 3...); every answer carries the id of the request it answers. Id 0 is reserved for
 * connection-level server frames.
 */
public record Envelope<M extends Message>(int requestId, M message) {
    /** The request id of frames that concern the connection rather than a request. */
    public static final int CONNECTION = 0;

    public Envelope {
        Objects.requireNonNull(message, "message");
    }

    public static <M extends Message> Envelope<M> of(int requestId, M message) {
        return new Envelope<>(requestId, message);
    }
}
