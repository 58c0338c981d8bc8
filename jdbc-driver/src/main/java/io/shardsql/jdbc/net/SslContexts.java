package io.shardsql.jdbc.net;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.shardsql.jdbc.error.SqlErrors;

import javax.net.ssl.SSLException;
import java.io.File;
import java.sql.SQLException;

/**
 * The TLS client context for {@code ssl=true}: the JDK's TLS (no OpenSSL), the JDK's trusted CAs or the
 * PEM file of {@code sslTrustCert}, and host name verification — unless {@code sslTrustAll}, which
 * accepts any certificate (tests only).
 */
final class SslContexts {
    private SslContexts() {}

    /** The context for {@code props}, or null when TLS is off. */
    static SslContext forClient(DriverProperties props) throws SQLException {
        if (!props.ssl()) return null;
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
            if (props.sslTrustAll()) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                if (props.sslTrustCert() != null) b.trustManager(new File(props.sslTrustCert()));
                b.endpointIdentificationAlgorithm("HTTPS");
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw SqlErrors.unableToConnect("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
