package io.shardsql.storage.net;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * Trusts, on a link between nodes, only node certificates of the cluster CA: the chain must pass
 * {@code ca}'s checks (signature, validity, key usage; on the client side also the host name), and the
 * peer's certificate must name {@code CN=node}. A client certificate of the same CA (one made for a SQL
 * user) is refused on the node ports.
 */
final class NodeTrust extends X509ExtendedTrustManager {
    /** The common name of every node certificate ({@code bin/shardsql cert create-node}). */
    static final String NODE_COMMON_NAME = "node";

    private final X509ExtendedTrustManager ca;

    NodeTrust(X509ExtendedTrustManager ca) {
        this.ca = ca;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        ca.checkClientTrusted(chain, authType, socket);
        requireNode(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        ca.checkServerTrusted(chain, authType, socket);
        requireNode(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        ca.checkClientTrusted(chain, authType, engine);
        requireNode(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        ca.checkServerTrusted(chain, authType, engine);
        requireNode(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        ca.checkClientTrusted(chain, authType);
        requireNode(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        ca.checkServerTrusted(chain, authType);
        requireNode(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return ca.getAcceptedIssuers();
    }

    static void requireNode(X509Certificate[] chain) throws CertificateException {
        String cn = commonName(chain[0]);
        if (!NODE_COMMON_NAME.equals(cn)) {
            throw new CertificateException("not a node certificate (CN=" + cn + ", expected CN=" + NODE_COMMON_NAME
                    + ")");
        }
    }

    private static String commonName(X509Certificate cert) throws CertificateException {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) return String.valueOf(rdn.getValue());
            }
            return null;
        } catch (InvalidNameException e) {
            throw new CertificateException("unreadable subject " + cert.getSubjectX500Principal(), e);
        }
    }
}
