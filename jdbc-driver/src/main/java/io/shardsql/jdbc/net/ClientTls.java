package io.shardsql.jdbc.net;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.shardsql.jdbc.error.SqlErrors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.sql.SQLException;

/**
 * TLS for {@code ssl=true}: the JDK's TLS over the connection's socket, trusting the JDK's CAs or the
 * PEM certificates of {@code sslTrustCert}, with host name verification — unless {@code sslTrustAll},
 * which accepts any certificate and any name (tests only). With {@code sslCert} and {@code sslKey} it shows
 * that client certificate when the server asks for one.
 */
final class ClientTls {
    private final SSLContext context;
    private final boolean verifyHostName;
    private final ClientIdentity identity; // null: no client certificate

    private ClientTls(SSLContext context, boolean verifyHostName, ClientIdentity identity) {
        this.context = context;
        this.verifyHostName = verifyHostName;
        this.identity = identity;
    }

    /** The user the client certificate names (its CN), or null when the driver shows none. */
    String certificateUser() {
        return identity == null ? null : identity.user();
    }

    /** The TLS set-up for {@code props}, or null when TLS is off. */
    static ClientTls forClient(DriverProperties props) throws SQLException {
        if (!props.ssl()) return null;
        try {
            TrustManager[] trust = props.sslTrustAll() ? InsecureTrustManagerFactory.INSTANCE.getTrustManagers()
                    : props.sslTrustCert() != null ? trustingOnly(Path.of(props.sslTrustCert())) : null;
            ClientIdentity identity = props.sslCert() == null ? null
                    : ClientIdentity.load(Path.of(props.sslCert()), Path.of(props.sslKey()));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(identity == null ? null : identity.keyManagers(), trust, null);
            return new ClientTls(context, !props.sslTrustAll(), identity);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw SqlErrors.unableToConnect("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Runs the TLS handshake over the connected {@code plain} socket; closing the result closes it. */
    SSLSocket handshake(Socket plain, HostAndPort host, int timeoutMillis) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, host.host(), host.port(), true);
        if (verifyHostName) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
        }
        s.setSoTimeout(timeoutMillis);
        s.startHandshake();
        s.setSoTimeout(0);
        return s;
    }

    private static TrustManager[] trustingOnly(Path pem) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) throw new IllegalArgumentException(pem + " holds no certificate");
        }
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        return f.getTrustManagers();
    }
}
