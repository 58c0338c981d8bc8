package io.shardsql.protocol.auth;

import io.shardsql.protocol.value.Bytes;

import java.util.Objects;

/**
 * What a server stores for a user's password (in {@code control}): the salt and iteration count it
 * hands out in the challenge, {@code StoredKey = SHA-256(ClientKey)} to check proofs with, and
 * {@code ServerKey} to sign with. Neither key lets anyone log in as the user: a proof needs
 * {@code ClientKey}, which is only derivable from the password.
 */
public record ScramCredentials(Bytes salt, int iterations, Bytes storedKey, Bytes serverKey) {
    public ScramCredentials {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(storedKey, "storedKey");
        Objects.requireNonNull(serverKey, "serverKey");
        if (iterations < 1) throw new IllegalArgumentException("iterations must be positive");
    }
}
