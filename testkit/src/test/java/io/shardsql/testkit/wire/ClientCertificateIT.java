package io.shardsql.testkit.wire;

import io.shardsql.server.certs.CertsDir;
import io.shardsql.server.certs.ClusterCa;
import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Client certificates on the SQL port (docs/security.md, "Client certificates"), over the driver: in
 * {@code require} mode a client without a certificate, or with one of another CA, is refused at the TLS
 * handshake; a certificate logs in as the user it names, without a password; one naming no user, or a node
 * certificate, is 28000. In {@code optional} mode a password login without a certificate still works.
 */
@Timeout(240)
class ClientCertificateIT {
    private static final String PW = "alice-password";
    @TempDir
    static Path dir;
    private static CertsDir certs;

    @BeforeAll
    static void issue() throws Exception {
        certs = io.shardsql.testkit.TestCertificates.loopback();
        ClusterCa ca = io.shardsql.testkit.TestCertificates.ca();
        ca.issueClient("admin", CertsDir.CERT_LIFETIME).write(dir.resolve("admin.crt"), dir.resolve("admin.key"));
        ca.issueClient("alice", CertsDir.CERT_LIFETIME).write(dir.resolve("alice.crt"), dir.resolve("alice.key"));
        ca.issueClient("nobody", CertsDir.CERT_LIFETIME).write(dir.resolve("nobody.crt"), dir.resolve("nobody.key"));
        CertsDir foreign = io.shardsql.testkit.TestCertificates.foreign();
        ClusterCa.load(foreign.caCert(), foreign.caKey()).issueClient("alice", CertsDir.CERT_LIFETIME)
                .write(dir.resolve("foreign-alice.crt"), dir.resolve("foreign-alice.key"));
    }

    private static MiniCluster.Builder cluster(String clientAuth) {
        return MiniCluster.builder().nodes(1).replication(1).shards(1).tls(true)
                .set("sql.tls.certificate", certs.nodeCert()).set("sql.tls.key", certs.nodeKey())
                .set("sql.tls.client-auth", clientAuth);
    }

    @Test
    void requireModeLogsInByCertificateAndRefusesEveryOtherClient() throws Exception {
        try (MiniCluster c = cluster("require").start()) {
            c.awaitReady();
            String url = c.jdbcUrl();
            // every client shows a certificate now: the admin its own, with its password (CN = user)
            try (Connection admin = DriverManager.getConnection(url, withCert("admin", MiniCluster.ADMIN_PASSWORD));
                 Statement s = admin.createStatement()) {
                s.execute("CREATE USER alice PASSWORD '" + PW + "'");
                s.execute("CREATE TABLE alices (id INT PRIMARY KEY)");
                s.execute("CREATE TABLE admins (id INT PRIMARY KEY)");
                s.execute("GRANT SELECT ON alices TO alice");
            }
            // alice's certificate, no password: logged in as alice (her privilege, not the admin's)
            Properties alice = withCert("alice", null);
            alice.remove("user"); // the driver takes the user from the certificate's CN
            try (Connection conn = DriverManager.getConnection(url, alice); Statement s = conn.createStatement()) {
                s.executeQuery("SELECT * FROM alices").close();
                assertThatThrownBy(() -> s.executeQuery("SELECT * FROM admins"))
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            }
            // alice's certificate cannot log in as the admin, not even with the admin's password
            Properties asAdmin = withCert("alice", MiniCluster.ADMIN_PASSWORD);
            asAdmin.setProperty("user", "admin");
            assertState(url, asAdmin, "28000");
            assertState(url, withCert("nobody", null), "28000");
            Properties node = tls();
            node.setProperty("sslCert", certs.nodeCert().toString());
            node.setProperty("sslKey", certs.nodeKey().toString());
            node.setProperty("user", "node");
            assertState(url, node, "28000");
            node.setProperty("user", "admin");
            node.setProperty("password", MiniCluster.ADMIN_PASSWORD);
            assertState(url, node, "28000");
            // no certificate, or one of another CA: refused at the TLS handshake (even with the right password)
            Properties none = tls();
            none.setProperty("user", "admin");
            none.setProperty("password", MiniCluster.ADMIN_PASSWORD);
            assertRefusedAtHandshake(url, none);
            assertRefusedAtHandshake(url, withCert("foreign-alice", null));
        }
    }

    @Test
    void optionalModeKeepsPasswordLoginsAndTakesCertificates() throws Exception {
        try (MiniCluster c = cluster("optional").start()) {
            c.awaitReady();
            String url = c.jdbcUrl();
            Properties admin = tls();
            admin.setProperty("user", "admin");
            admin.setProperty("password", MiniCluster.ADMIN_PASSWORD);
            try (Connection conn = DriverManager.getConnection(url, admin); Statement s = conn.createStatement()) {
                s.execute("CREATE USER alice PASSWORD '" + PW + "'");
            }
            Properties byPassword = tls();
            byPassword.setProperty("user", "alice");
            byPassword.setProperty("password", PW);
            DriverManager.getConnection(url, byPassword).close();
            DriverManager.getConnection(url, withCert("alice", null)).close();
            DriverManager.getConnection(url, withCert("alice", PW)).close(); // certificate and her password
            assertState(url, withCert("nobody", null), "28000");
            // a certificate of another CA is not shown (the server names the CAs it takes), so it proves nothing
            assertState(url, withCert("foreign-alice", null), "28000");
        }
    }

    private static Properties tls() {
        Properties p = new Properties();
        p.setProperty("ssl", "true");
        p.setProperty("sslTrustCert", certs.caCert().toString());
        return p;
    }

    private static Properties withCert(String name, String password) {
        Properties p = tls();
        p.setProperty("sslCert", dir.resolve(name + ".crt").toString());
        p.setProperty("sslKey", dir.resolve(name + ".key").toString());
        p.setProperty("user", name.replace("foreign-", ""));
        if (password != null) p.setProperty("password", password);
        return p;
    }

    private static void assertState(String url, Properties p, String state) {
        assertThatThrownBy(() -> DriverManager.getConnection(url, p).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(state));
    }

    private static void assertRefusedAtHandshake(String url, Properties p) {
        assertThatThrownBy(() -> DriverManager.getConnection(url, p).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).startsWith("08"));
    }
}
