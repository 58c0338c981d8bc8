package io.shardsql.jdbc.net;

import io.shardsql.jdbc.error.SqlErrors;
import io.shardsql.protocol.ProtocolVersion;
import io.shardsql.protocol.auth.CertificateAuth;
import io.shardsql.protocol.auth.Scram;
import io.shardsql.protocol.message.AuthChallenge;
import io.shardsql.protocol.message.AuthOk;
import io.shardsql.protocol.message.Authenticate;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.Hello;
import io.shardsql.protocol.message.HelloReply;
import io.shardsql.protocol.message.ServerMessage;
import io.shardsql.protocol.value.Bytes;

import java.sql.SQLException;

/**
 * Hello → HelloReply → Authenticate → AuthOk on a fresh {@link WireClient} (docs/protocol.md §4): version
 * negotiation and SCRAM-SHA-256. The password never leaves this class except as PBKDF2 input; the
 * server's signature must verify, or the server is not trusted. With a client certificate and no password it
 * logs in by the certificate instead ({@link CertificateAuth}), as the user given or else the one the
 * certificate names.
 */
final class Handshake {
    private Handshake() {}

    static Session run(WireClient client, DriverProperties props, String clientName, String certificateUser)
            throws SQLException {
        Bytes nonce = Bytes.wrap(Scram.randomBytes(Scram.NONCE_BYTES));
        boolean byCertificate = certificateUser != null && props.password().isEmpty();
        String user = props.user().isEmpty() && certificateUser != null ? certificateUser : props.user();
        ServerMessage first = client.call(new Hello(ProtocolVersion.SUPPORTED, props.clientName(clientName), user,
                byCertificate ? CertificateAuth.METHOD : Scram.METHOD, nonce));
        if (first instanceof ErrorReply e) throw SqlErrors.fromReply(e, false);
        if (!(first instanceof HelloReply hello)) throw unexpected(first, "HelloReply");
        if (!ProtocolVersion.SUPPORTED.contains(hello.version())) {
            throw SqlErrors.of("08004", 0, "the server chose protocol version " + hello.version()
                    + ", which this driver does not speak", null);
        }
        AuthChallenge ch = hello.challenge();
        String method = byCertificate ? CertificateAuth.METHOD : Scram.METHOD;
        if (!method.equals(ch.method())) {
            throw SqlErrors.of("08004", 0, "the server asks for authentication method " + ch.method()
                    + "; this driver asked for " + method, null);
        }
        if (byCertificate) return byCertificate(client, hello);
        byte[] authMessage = Scram.authMessage(user, nonce, ch);
        byte[] proof = Scram.clientProof(props.password(), ch.salt(), ch.iterations(), authMessage);
        ServerMessage second = client.call(new Authenticate(Bytes.wrap(proof)));
        if (second instanceof ErrorReply e) throw SqlErrors.fromReply(e, false);
        if (!(second instanceof AuthOk ok)) throw unexpected(second, "AuthOk");
        if (!Scram.verifyServerSignature(props.password(), ch.salt(), ch.iterations(), authMessage,
                ok.serverSignature().toByteArray())) {
            throw SqlErrors.of("08004", 0, "the server's SCRAM signature does not verify: it does not know this user's "
                    + "credentials, so the driver does not trust it", null);
        }
        return new Session(client.host(), hello.version(), hello.serverVersion(), ok.sessionId(), ok.cancelSecret(),
                ok.isolation(), ok.supportedIsolations());
    }

    /** The server checked the certificate at the TLS handshake (and the driver the server's): nothing to prove. */
    private static Session byCertificate(WireClient client, HelloReply hello) throws SQLException {
        ServerMessage second = client.call(new Authenticate(CertificateAuth.emptyProof()));
        if (second instanceof ErrorReply e) throw SqlErrors.fromReply(e, false);
        if (!(second instanceof AuthOk ok)) throw unexpected(second, "AuthOk");
        return new Session(client.host(), hello.version(), hello.serverVersion(), ok.sessionId(), ok.cancelSecret(),
                ok.isolation(), ok.supportedIsolations());
    }

    private static SQLException unexpected(ServerMessage m, String expected) {
        return SqlErrors.of(SqlErrors.PROTOCOL_VIOLATION, 0, "protocol error: expected " + expected + ", got "
                + m.getClass().getSimpleName(), null);
    }
}
