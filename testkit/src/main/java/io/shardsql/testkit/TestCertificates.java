package io.shardsql.testkit;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.server.certs.CertsDir;
import io.shardsql.server.certs.ClusterCa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Certificates for test clusters, made once per JVM: one test CA, and for each set of hosts a
 * certificates directory with that CA and a node certificate naming those hosts (every node of a test
 * cluster shares it: a certificate says "a node of this cluster", not which one). A second CA,
 * {@link #foreign}, makes certificates the test clusters must refuse.
 */
public final class TestCertificates {
    private static final Map<Set<String>, CertsDir> CLUSTER = new ConcurrentHashMap<>();
    private static volatile Path root;
    private static volatile ClusterCa ca;
    private static volatile CertsDir foreign;

    private TestCertificates() {}

    /** A certificates directory of the test CA whose node certificate names {@code hosts} (and loopback). */
    public static CertsDir forHosts(Collection<String> hosts) {
        return CLUSTER.computeIfAbsent(new TreeSet<>(hosts), TestCertificates::make);
    }

    /** {@link #forHosts} for a cluster on loopback. */
    public static CertsDir loopback() {
        return forHosts(List.of());
    }

    /** A node certificate for loopback signed by another CA than the test clusters trust (with that CA). */
    public static synchronized CertsDir foreign() {
        if (foreign == null) {
            try {
                CertsDir d = new CertsDir(root().resolve("foreign"));
                ClusterCa other = ClusterCa.create("another cluster's CA", CertsDir.CA_LIFETIME);
                other.write(d.caCert(), d.caKey());
                other.issueNode(List.of(), CertsDir.CERT_LIFETIME).write(d.nodeCert(), d.nodeKey());
                foreign = d;
            } catch (IOException | GeneralSecurityException e) {
                throw new ShardSqlException(ErrorCode.INTERNAL, "cannot make the foreign test certificates", e);
            }
        }
        return foreign;
    }

    /** The test CA, for tests that issue certificates of their own (a SQL user's client certificate). */
    public static synchronized ClusterCa ca() {
        if (ca == null) {
            try {
                ClusterCa made = ClusterCa.create("ShardSQL test CA", CertsDir.CA_LIFETIME);
                made.write(root().resolve(CertsDir.CA_CERT), root().resolve(CertsDir.CA_KEY));
                ca = made;
            } catch (IOException | GeneralSecurityException e) {
                throw new ShardSqlException(ErrorCode.INTERNAL, "cannot make the test CA", e);
            }
        }
        return ca;
    }

    private static CertsDir make(Set<String> hosts) {
        try {
            CertsDir d = new CertsDir(Files.createTempDirectory(root(), "node-"));
            ClusterCa c = ca();
            c.write(d.caCert(), d.caKey());
            c.issueNode(hosts, CertsDir.CERT_LIFETIME).write(d.nodeCert(), d.nodeKey());
            return d;
        } catch (IOException | GeneralSecurityException e) {
            throw new ShardSqlException(ErrorCode.INTERNAL, "cannot make test certificates for " + hosts, e);
        }
    }

    private static synchronized Path root() throws IOException {
        if (root == null) {
            Path r = Files.createTempDirectory("shardsql-certs");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(r), "shardsql-certs-cleanup"));
            root = r;
        }
        return root;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it up eventually
        }
    }
}
