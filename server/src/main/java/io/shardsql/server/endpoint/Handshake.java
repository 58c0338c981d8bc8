package io.shardsql.server.endpoint;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.protocol.ProtocolVersion;
import io.shardsql.protocol.auth.CertificateAuth;
import io.shardsql.protocol.auth.Scram;
import io.shardsql.protocol.auth.ScramCredentials;
import io.shardsql.protocol.message.AuthChallenge;
import io.shardsql.protocol.message.Authenticate;
import io.shardsql.protocol.message.Hello;
import io.shardsql.protocol.message.HelloReply;
import io.shardsql.protocol.value.Bytes;
import io.shardsql.server.users.UserStore;

import java.util.Optional;

/**
 * One connection's SCRAM-SHA-256 exchange (docs/protocol.md §4): {@link #hello} picks the version and
 * sends the user's salt and iterations with a fresh server nonce; {@link #authenticate} checks the
 * client's proof and returns the server's signature. An unknown user gets a decoy challenge and fails
 * at the proof exactly like a wrong password (28P01), so the exchange does not reveal which users exist.
 * A client that showed a certificate may instead log in by it ({@link CertificateAuth}, docs/security.md,
 * "Client certificates").
 */
final class Handshake {
    /** The subject of every node certificate ({@code ClusterCa.issueNode}). */
    static final String NODE_COMMON_NAME = "node";

    private final UserStore users;
    private final int defaultIterations;
    private final String serverVersion;
    private Hello hello;
    private AuthChallenge challenge;
    private ScramCredentials credentials; // null: no such user
    private int version;
    private boolean byCertificate;

    Handshake(UserStore users, int defaultIterations, String serverVersion) {
        this.users = users;
        this.defaultIterations = defaultIterations;
        this.serverVersion = serverVersion;
    }

    /**
     * The challenge for {@code h}. {@code certificateUser} is the CN of the client's certificate, if it showed
     * one: such a connection logs in only as that user (by certificate, or by that user's password), and a
     * node's certificate ({@code CN=node}) logs in as nobody; both are refused with 28000.
     */
    HelloReply hello(Hello h, Optional<String> certificateUser) {
        version = ProtocolVersion.negotiate(h.versions());
        if (certificateUser.isPresent()) checkCertificateUser(certificateUser.get(), h.user());
        hello = h;
        if (CertificateAuth.METHOD.equals(h.authMethod())) {
            if (certificateUser.isEmpty()) {
                throw refused("user \"" + h.user() + "\" asks to log in by certificate without showing one");
            }
            if (users.lookup(h.user()).isEmpty()) {
                throw refused("the client certificate names user \"" + h.user() + "\", which does not exist");
            }
            byCertificate = true;
            return new HelloReply(version, serverVersion, CertificateAuth.challenge());
        }
        if (!Scram.METHOD.equals(h.authMethod())) {
            throw new ShardSqlException(ErrorCode.CONNECTION_REJECTED, "authentication method " + h.authMethod()
                    + " is not supported; use " + Scram.METHOD + " or " + CertificateAuth.METHOD);
        }
        credentials = users.lookup(h.user()).orElse(null);
        Bytes salt = credentials != null ? credentials.salt() : users.decoySalt(h.user());
        int iterations = credentials != null ? credentials.iterations() : defaultIterations;
        challenge = new AuthChallenge(Scram.METHOD, salt, iterations, Bytes.wrap(Scram.randomBytes(Scram.NONCE_BYTES)));
        return new HelloReply(version, serverVersion, challenge);
    }

    private static void checkCertificateUser(String commonName, String user) {
        if (NODE_COMMON_NAME.equals(commonName)) {
            throw refused("a node certificate (CN=node) does not log in as a SQL user");
        }
        if (!commonName.equals(user)) {
            throw refused("the client certificate is for user \"" + commonName + "\", not \"" + user + "\"");
        }
    }

    private static ShardSqlException refused(String message) {
        return new ShardSqlException(ErrorCode.INVALID_AUTHORIZATION, message);
    }

    /** The server's signature if the proof is right; else 28P01. */
    Bytes authenticate(Authenticate a) {
        if (byCertificate) {
            if (!a.proof().equals(CertificateAuth.emptyProof())) {
                throw new ShardSqlException(ErrorCode.PROTOCOL_VIOLATION, "a login by certificate has an empty proof");
            }
            return CertificateAuth.emptyProof();
        }
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
