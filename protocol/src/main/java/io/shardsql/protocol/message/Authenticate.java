package io.shardsql.protocol.message;

import io.shardsql.protocol.value.Bytes;

import java.util.Objects;

/**
 * The client's proof that it knows the password ({@code ClientKey XOR HMAC(StoredKey, AuthMessage)},
 * 32 bytes for SCRAM-SHA-256). Answered by {@link AuthOk}, or {@link ErrorReply} 28P01 and a close.
 * <pre>
 * | proof (bytes) |
 * </pre>
 */
public record Authenticate(Bytes proof) implements ClientMessage {
    public Authenticate {
        Objects.requireNonNull(proof, "proof");
    }
}
