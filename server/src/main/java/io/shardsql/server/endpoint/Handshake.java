package io.shardsql.server.endpoint;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.protocol.ProtocolVersion;
import io.shardsql.protocol.auth.Scram;
import io.shardsql.protocol.auth.ScramCredentials;
import io.shardsql.protocol.message.AuthChallenge;
import io.shardsql.protocol.message.Authenticate;
import io.shardsql.protocol.message.Hello;
import io.shardsql.protocol.message.HelloReply;
import io.shardsql.protocol.value.Bytes;
import io.shardsql.server.users.UserStore;

/**
 * One connection's SCRAM-SHA-256 exchange (docs/protocol.md §4): {@link #hello} picks the version and
 * sends the user's salt and iterations with a fresh server nonce; {@link #authenticate} checks the
 * client's proof and returns the server's signature. An unknown user gets a decoy challenge and fails
 * at the proof exactly like a wrong password (28P01), so the exchange does not reveal which users exist.
 */
final class Handshake {
    private final UserStore users;
    private final int defaultIterations;
    private final String serverVersion;
    private Hello hello;
    private AuthChallenge challenge;
    private ScramCredentials credentials; // null: no such user
    private int version;

    Handshake(UserStore users, int defaultIterations, String serverVersion) {
        this.users = users;
        this.defaultIterations = defaultIterations;
        this.serverVersion = serverVersion;
    }

    HelloReply hello(Hello h) {
        version = ProtocolVersion.negotiate(h.versions());
        if (!Scram.METHOD.equals(h.authMethod())) {
            throw new ShardSqlException(ErrorCode.CONNECTION_REJECTED,
                    "authentication method " + h.authMethod() + " is not supported; use " + Scram.METHOD);
        }
        hello = h;
        credentials = users.lookup(h.user()).orElse(null);
        Bytes salt = credentials != null ? credentials.salt() : users.decoySalt(h.user());
        int iterations = credentials != null ? credentials.iterations() : defaultIterations;
        challenge = new AuthChallenge(Scram.METHOD, salt, iterations, Bytes.wrap(Scram.randomBytes(Scram.NONCE_BYTES)));
        return new HelloReply(version, serverVersion, challenge);
    }

    /** The server's signature if the proof is right; else 28P01. */
    Bytes authenticate(Authenticate a) {
        byte[] authMessage = Scram.authMessage(hello.user(), hello.clientNonce(), challenge);
        if (credentials == null || !Scram.verifyProof(credentials, authMessage, a.proof().toByteArray())) {
            throw new ShardSqlException(ErrorCode.INVALID_PASSWORD, "password authentication failed for user \""
                    + hello.user() + "\"");
        }
        return Bytes.wrap(Scram.serverSignature(credentials, authMessage));
    }

    String user() { return hello.user(); }

    int version() { return version; }
}
