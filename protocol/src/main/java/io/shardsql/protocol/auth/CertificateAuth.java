package io.shardsql.protocol.auth;

import io.shardsql.protocol.message.AuthChallenge;
import io.shardsql.protocol.value.Bytes;

/**
 * Logging in with the TLS client certificate (docs/protocol.md §4, "Client certificates"): the client names
 * method {@link #METHOD} in {@code Hello}; the server, which has checked the certificate's chain at the TLS
 * handshake, answers with {@link #challenge()} (no salt, no nonce), the client sends an empty proof and the
 * server an {@code AuthOk} with an empty signature. The same messages and layouts as SCRAM-SHA-256, only
 * another method name: protocol version 1 is unchanged.
 */
public final class CertificateAuth {
    /** The method name in {@code Hello} and in the server's challenge. */
    public static final String METHOD = "TLS-CLIENT-CERTIFICATE";

    private CertificateAuth() {}

    /** The server's challenge: nothing to prove beyond the certificate. */
    public static AuthChallenge challenge() {
        return new AuthChallenge(METHOD, Bytes.EMPTY, 1, Bytes.EMPTY);
    }

    /** The proof the client sends, and the signature the server answers with: empty. */
    public static Bytes emptyProof() {
        return Bytes.EMPTY;
    }
}
