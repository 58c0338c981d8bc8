/**
 * Password authentication for the handshake: {@link io.shardsql.protocol.auth.Scram} (SCRAM-SHA-256 key
 * derivation, client proof, server signature) and {@link io.shardsql.protocol.auth.ScramCredentials},
 * what a server keeps instead of the password. Used by both the server endpoint and the driver; JDK
 * cryptography only.
 */
package io.shardsql.protocol.auth;
