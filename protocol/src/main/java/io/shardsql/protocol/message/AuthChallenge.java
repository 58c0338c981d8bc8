package io.shardsql.protocol.message;

import io.shardsql.protocol.value.Bytes;

import java.util.Objects;

/**
 * What the client needs to prove it knows the password without sending it (see
 * {@code io.shardsql.protocol.auth.Scram}): the user's salt and PBKDF2 iteration count, and a fresh
 * server nonce that makes every proof single-use.
 * <pre>
 * | method (string) | salt (bytes) | iterations (u32) | server nonce (bytes) |
 * </pre>
 */
public record AuthChallenge(String method, Bytes salt, int iterations, Bytes serverNonce) {
    public AuthChallenge {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(serverNonce, "serverNonce");
        if (iterations < 1) throw new IllegalArgumentException("iterations must be positive: " + iterations);
    }
}
