package io.shardsql.storage.net;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.common.config.ConfigKey;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Properties;

/**
 * A node's identity on the links between nodes: its certificate and key, and the cluster CA whose
 * certificates it accepts. With it, every link between nodes (the Raft port, the read port and what
 * travels over it) runs over mutual TLS 1.3: each side shows a certificate signed by the cluster CA, and a
 * client checks that the server's certificate names the host it dialled (its SANs), and both sides accept
 * only node certificates ({@code CN=node}, {@link NodeTrust}), so a peer without such a certificate is
 * refused at the handshake. {@link #OFF} is a node started with {@code --insecure}:
 * plain TCP, no questions asked.
 */
public final class NodeTls {
    public static final ConfigKey<String> CERT_FILE = ConfigKey.string("node.tls.cert-file", "",
            "this node's certificate (PEM), signed by the cluster CA; empty: no TLS between nodes (--insecure)");
    public static final ConfigKey<String> KEY_FILE = ConfigKey.string("node.tls.key-file", "",
            "this node's private key (PEM, PKCS#8, unencrypted)");
    public static final ConfigKey<String> CA_FILE = ConfigKey.string("node.tls.ca-file", "",
            "the cluster CA's certificate (PEM; several certificates while a CA is rotated)");

    /** No TLS: plain links, anyone who reaches the ports is answered. */
    public static final NodeTls OFF = new NodeTls(null, null, null, null);

    private static final String PROTOCOL = "TLSv1.3";
    private static final char[] NO_PASSWORD = new char[0];

    private final SSLContext context;
    private final X509KeyManager keyManager;
    private final X509TrustManager trustManager;
    private final String subject;

    private NodeTls(SSLContext context, X509KeyManager keyManager, X509TrustManager trustManager, String subject) {
        this.context = context;
        this.keyManager = keyManager;
        this.trustManager = trustManager;
        this.subject = subject;
    }

    /**
     * The identity {@link #CERT_FILE}, {@link #KEY_FILE} and {@link #CA_FILE} name (relative paths resolved
     * against {@code base} when it is not null); {@link #OFF} when none is set. Only some of them set, or
     * files that cannot be read, are {@code CONFIG_INVALID}.
     */
    public static NodeTls from(Properties p, Path base) {
        String cert = CERT_FILE.get(p).trim();
        String key = KEY_FILE.get(p).trim();
        String ca = CA_FILE.get(p).trim();
        if (cert.isEmpty() && key.isEmpty() && ca.isEmpty()) return OFF;
        if (cert.isEmpty() || key.isEmpty() || ca.isEmpty()) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, CERT_FILE.name() + ", " + KEY_FILE.name() + " and "
                    + CA_FILE.name() + " go together: set all three, or none (an insecure node)");
        }
        return load(resolve(base, cert), resolve(base, key), resolve(base, ca));
    }

    private static Path resolve(Path base, String file) {
        Path p = Path.of(file);
        return base == null || p.isAbsolute() ? p : base.resolve(p);
    }

    /** The identity in {@code certFile} and {@code keyFile}, trusting the CA certificates in {@code caFile}. */
    public static NodeTls load(Path certFile, Path keyFile, Path caFile) {
        try {
            List<X509Certificate> chain = PemFiles.certificates(certFile);
            PrivateKey key = PemFiles.privateKey(keyFile);
            List<X509Certificate> cas = PemFiles.certificates(caFile);
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("node", key, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(identity, NO_PASSWORD);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (int i = 0; i < cas.size(); i++) trusted.setCertificateEntry("ca-" + i, cas.get(i));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trusted);
            X509KeyManager km = only(X509KeyManager.class, kmf.getKeyManagers());
            X509TrustManager tm = new NodeTrust(only(X509ExtendedTrustManager.class, tmf.getTrustManagers()));
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(new KeyManager[] {km}, new TrustManager[] {tm}, null);
            return new NodeTls(context, km, tm, chain.get(0).getSubjectX500Principal().getName());
        } catch (IOException | GeneralSecurityException e) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "cannot use the node certificate " + certFile
                    + " with key " + keyFile + " and CA " + caFile + ": " + e.getMessage(), e);
        }
    }

    private static <T> T only(Class<T> type, Object[] managers) throws GeneralSecurityException {
        for (Object m : managers) {
            if (type.isInstance(m)) return type.cast(m);
        }
        throw new GeneralSecurityException("no " + type.getSimpleName());
    }

    public boolean enabled() { return context != null; }

    /** Presents this node's certificate (for Ratis' TLS); null when {@link #OFF}. */
    public X509KeyManager keyManager() { return keyManager; }

    /** Accepts certificates of the cluster CA (for Ratis' TLS); null when {@link #OFF}. */
    public X509TrustManager trustManager() { return trustManager; }

    /** First in {@code pipeline} of an accepted connection: TLS that requires the client's certificate. */
    public void secureServer(ChannelPipeline pipeline) {
        if (!enabled()) return;
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setNeedClientAuth(true);
        pipeline.addFirst("tls", new SslHandler(engine));
    }

    /** First in {@code pipeline} of a connection to {@code server}: TLS that checks the server's host name. */
    public void secureClient(ChannelPipeline pipeline, InetSocketAddress server) {
        if (!enabled()) return;
        SSLEngine engine = context.createSSLEngine(server.getHostString(), server.getPort());
        engine.setUseClientMode(true);
        engine.setSSLParameters(checkingHostName(engine.getSSLParameters()));
        pipeline.addFirst("tls", new SslHandler(engine));
    }

    /**
     * {@code plain}, connected to {@code server}, as it should be used: itself when {@link #OFF}, else a TLS
     * socket over it whose handshake is done (within {@code plain}'s read timeout). A refused handshake
     * closes {@code plain} and throws.
     */
    public Socket secure(Socket plain, InetSocketAddress server) throws IOException {
        if (!enabled()) return plain;
        try {
            SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, server.getHostString(),
                    server.getPort(), true);
            s.setUseClientMode(true);
            s.setSSLParameters(checkingHostName(s.getSSLParameters()));
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static SSLParameters checkingHostName(SSLParameters p) {
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return p;
    }

    @Override
    public String toString() {
        return enabled() ? "mutual TLS as " + subject : "no TLS (insecure)";
    }
}
