package io.shardsql.cli;

import io.shardsql.server.certs.CertsDir;
import io.shardsql.storage.net.NodeTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code shardsql cert}: the files it writes are what a node loads; nothing is overwritten unasked. */
@Timeout(60)
class CertCommandTest {
    @TempDir
    Path tmp;

    @Test
    void createCaNodeAndClientWriteCertificatesANodeLoads() throws Exception {
        Path certs = tmp.resolve("certs");
        Path caKey = tmp.resolve("safe/ca.key");
        String dir = certs.toString();
        assertThat(ShardSqlCli.run("cert", "create-ca", "--certs-dir", dir, "--ca-key", caKey.toString())).isZero();
        assertThat(ShardSqlCli.run("cert", "create-node", "db1.example.com", "10.0.0.1", "--certs-dir", dir,
                "--ca-key", caKey.toString())).isZero();
        assertThat(ShardSqlCli.run("cert", "create-client", "alice", "--certs-dir", dir, "--ca-key",
                caKey.toString())).isZero();

        CertsDir d = new CertsDir(certs);
        NodeTls tls = d.nodeTls();
        assertThat(tls.enabled()).isTrue();
        assertThat(tls.toString()).contains("CN=node");
        X509Certificate node = read(d.nodeCert());
        assertThat(node.getSubjectAlternativeNames().stream().map(n -> (Object) n.get(1)).toList())
                .containsExactlyInAnyOrder("db1.example.com", "10.0.0.1", "localhost", "127.0.0.1");
        assertThat(node.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        node.verify(read(d.caCert()).getPublicKey());
        X509Certificate client = read(d.clientCert("alice"));
        assertThat(client.getSubjectX500Principal().getName()).contains("CN=alice");
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d.nodeKey()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caKey))).isEqualTo("rw-------");
    }

    @Test
    void anExistingFileIsKeptWithoutOverwrite() throws Exception {
        String dir = tmp.resolve("certs").toString();
        assertThat(ShardSqlCli.run("cert", "create-ca", "--certs-dir", dir)).isZero();
        byte[] before = Files.readAllBytes(new CertsDir(Path.of(dir)).caCert());
        List<String> err = stderrOf("cert", "create-ca", "--certs-dir", dir);
        assertThat(err).hasSize(1);
        assertThat(err.get(0)).startsWith("shardsql: ").contains("exists (--overwrite replaces it)");
        assertThat(Files.readAllBytes(new CertsDir(Path.of(dir)).caCert())).isEqualTo(before);
        assertThat(ShardSqlCli.run("cert", "create-ca", "--certs-dir", dir, "--overwrite")).isZero();
        assertThat(Files.readAllBytes(new CertsDir(Path.of(dir)).caCert())).isNotEqualTo(before);
    }

    @Test
    void aNodeWithoutCertificatesRefusesToStartUnlessInsecure() throws Exception {
        Path cfg = tmp.resolve("node.properties");
        Files.writeString(cfg, "cluster.members = n1@127.0.0.1:1:2\ncluster.replication = 1\nnode.id = n1\nnode.data-dir = d\n");
        List<String> err = stderrOf("node", "--config", cfg.toString());
        assertThat(err).containsExactly("shardsql: refusing to start without certificates: set node.tls.cert-file, "
                + "node.tls.key-file and node.tls.ca-file (shardsql cert create-node), or pass --insecure");
        assertThat(Files.exists(tmp.resolve("d/NODE"))).as("nothing was started").isFalse();
    }

    private static X509Certificate read(Path file) throws Exception {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static List<String> stderrOf(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(ShardSqlCli.run(args)).isEqualTo(1);
        } finally {
            System.setErr(old);
        }
        return err.toString(StandardCharsets.UTF_8).trim().lines().toList();
    }
}
