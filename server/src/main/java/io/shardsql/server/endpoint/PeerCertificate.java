package io.shardsql.server.endpoint;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The common name (CN) of the certificate a client showed at the TLS handshake, whose chain the handshake
 * has already checked against the client CA; empty on a plain connection or when the client showed none,
 * and the empty name (no user) for a certificate whose subject has no single CN.
 */
final class PeerCertificate {
    private PeerCertificate() {}

    static Optional<String> commonName(Channel channel) {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) return Optional.empty();
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) return Optional.empty();
            // a certificate without a usable CN names nobody: it logs in as no one, not "as if it had none"
            return Optional.of(commonName(leaf.getSubjectX500Principal().getName()).orElse(""));
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /** The CN of an RFC 2253 name; a name without exactly one CN has none. */
    static Optional<String> commonName(String rfc2253) {
        try {
            var cns = new LdapName(rfc2253).getRdns().stream().filter(r -> r.getType().equalsIgnoreCase("CN"))
                    .map(Rdn::getValue).map(String::valueOf).toList();
            return cns.size() == 1 ? Optional.of(cns.get(0)) : Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
