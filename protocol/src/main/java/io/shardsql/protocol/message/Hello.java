package io.shardsql.protocol.message;

import io.shardsql.protocol.value.Bytes;

import java.util.List;
import java.util.Objects;

/**
 * The first frame on a connection (unless it is a {@link Cancel}): the versions the client speaks, who
 * it is, and the start of authentication. The server answers {@link HelloReply} or {@link ErrorReply}.
 * Its layout is the same in every protocol version.
 * <pre>
 * | versions (list&lt;u8&gt;) | client name (string) | user (string) | auth method (string) | client nonce (bytes) |
 * </pre>
 *
 * @param versions    protocol versions the client speaks, any order
 * @param clientName  for logs and {@code sys} tables, e.g. {@code "shardsql-jdbc 0.1.0"}
 * @param authMethod  {@code "SCRAM-SHA-256"} (the only method of version 1)
 * @param clientNonce at least 18 random bytes, fresh for every connection
 */
public record Hello(List<Integer> versions, String clientName, String user, String authMethod, Bytes clientNonce)
        implements ClientMessage {
    public Hello {
        versions = List.copyOf(versions);
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(authMethod, "authMethod");
        Objects.requireNonNull(clientNonce, "clientNonce");
        for (int v : versions) {
            if (v < 1 || v > 255) throw new IllegalArgumentException("protocol version out of range: " + v);
        }
    }
}
