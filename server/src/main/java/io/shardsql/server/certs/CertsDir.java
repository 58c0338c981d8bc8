package io.shardsql.server.certs;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.net.NodeTls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Properties;

/**
 * A certificates directory, as {@code bin/shardsql cert} writes it and a node reads it:
 * <pre>
 * ca.crt              the cluster CA's certificate (every node and client trusts it)
 * ca.key              the CA's key: keep it elsewhere (--ca-key), except in a local cluster's own directory
 * node.crt, node.key  this node's certificate (CN=node, SANs of its hosts) and key
 * client.USER.crt/.key a SQL user's client certificate (CN=USER) and key
 * </pre>
 */
public final class CertsDir {
    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String NODE_CERT = "node.crt";
    public static final String NODE_KEY = "node.key";
    public static final Duration CA_LIFETIME = Duration.ofDays(3650);
    public static final Duration CERT_LIFETIME = Duration.ofDays(730);
    /** A local cluster's node certificate is made again when it would expire within this. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final Path dir;

    public CertsDir(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() { return dir; }

    public Path caCert() { return dir.resolve(CA_CERT); }

    public Path caKey() { return dir.resolve(CA_KEY); }

    public Path nodeCert() { return dir.resolve(NODE_CERT); }

    public Path nodeKey() { return dir.resolve(NODE_KEY); }

    public Path clientCert(String user) { return dir.resolve("client." + user + ".crt"); }

    public Path clientKey(String user) { return dir.resolve("client." + user + ".key"); }

    /** True when this directory holds a node's certificate, key and CA. */
    public boolean hasNodeCertificate() {
        return Files.isRegularFile(nodeCert()) && Files.isRegularFile(nodeKey()) && Files.isRegularFile(caCert());
    }

    /** The node identity in this directory. */
    public NodeTls nodeTls() {
        return NodeTls.load(nodeCert(), nodeKey(), caCert());
    }

    /** Node settings that name this directory's node certificate, key and CA (absolute paths). */
    public Properties nodeSettings() {
        Properties p = new Properties();
        NodeTls.CERT_FILE.set(p, nodeCert().toString());
        NodeTls.KEY_FILE.set(p, nodeKey().toString());
        NodeTls.CA_FILE.set(p, caCert().toString());
        return p;
    }

    /**
     * A local cluster's own certificates ({@code bin/shardsql start}): makes the CA (its key stays here) and
     * a node certificate for {@code hosts} if they are missing, and the node certificate again if it
     * expires within 30 days; those already there are kept.
     */
    public static CertsDir ensureLocal(Path dir, Collection<String> hosts) {
        CertsDir d = new CertsDir(dir);
        try {
            ClusterCa ca;
            if (Files.isRegularFile(d.caCert()) && Files.isRegularFile(d.caKey())) {
                ca = ClusterCa.load(d.caCert(), d.caKey());
            } else {
                ca = ClusterCa.create("ShardSQL local CA", CA_LIFETIME);
                ca.write(d.caCert(), d.caKey());
            }
            if (!d.hasNodeCertificate() || expiresSoon(PemIo.readCertificate(d.nodeCert()))) {
                ca.issueNode(hosts, CERT_LIFETIME).write(d.nodeCert(), d.nodeKey());
            }
            return d;
        } catch (IOException | GeneralSecurityException e) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "cannot make the local cluster's certificates in "
                    + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean expiresSoon(X509Certificate cert) {
        return cert.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE));
    }
}
