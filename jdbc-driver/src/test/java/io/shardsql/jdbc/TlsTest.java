package io.shardsql.jdbc;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ssl=true} against the scripted server behind a TLS handler, with a throw-away certificate for
 * 127.0.0.1 made by the JDK's keytool: trusted through {@code sslTrustCert}, refused by the JDK's
 * default trust store, accepted by {@code sslTrustAll}.
 */
@Timeout(120)
class TlsTest {
    @TempDir
    static Path dir;
    private static ScriptedServer server;
    private static Path pem;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("server.p12");
        pem = dir.resolve("server.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SslContext ssl = SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK).build();
        server = new ScriptedServer(ssl);
    }

    private static void keytool(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = Paths.get(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private Connection connect(String props) throws SQLException {
        return DriverManager.getConnection(server.url() + "?ssl=true&" + props, ScriptedServer.USER, ScriptedServer.PASSWORD);
    }

    @Test
    void aTrustedCertificateConnectsWithHostNameVerification() throws SQLException {
        try (Connection c = connect("sslTrustCert=" + pem)) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedWith08001() {
        assertThatThrownBy(() -> connect("connectTimeout=5")).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
    }

    @Test
    void trustAllAcceptsAnyCertificate() throws SQLException {
        try (Connection c = connect("sslTrustAll=true")) {
            assertThat(c.isValid(5)).isTrue();
        }
    }
}
