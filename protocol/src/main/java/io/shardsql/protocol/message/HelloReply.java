package io.shardsql.protocol.message;

import java.util.Objects;

/**
 * The server's answer to {@link Hello}: the version both sides use from now on and the authentication
 * challenge. Its layout is the same in every protocol version.
 * <pre>
 * | version (u8) | server version (string) | challenge (AuthChallenge) |
 * </pre>
 */
public record HelloReply(int version, String serverVersion, AuthChallenge challenge) implements ServerMessage {
    public HelloReply {
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(challenge, "challenge");
        if (version < 1 || version > 255) throw new IllegalArgumentException("protocol version out of range: "
                + version);
    }
}
