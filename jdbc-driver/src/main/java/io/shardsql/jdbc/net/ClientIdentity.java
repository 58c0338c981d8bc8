package io.shardsql.jdbc.net;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The client certificate of {@code sslCert} / {@code sslKey} (PEM: the certificate chain, and an unencrypted
 * PKCS#8 {@code PRIVATE KEY}, EC or RSA, as {@code shardsql cert create-client} writes them): the key
 * managers that show it at the TLS handshake, and the user it names (its subject's CN).
 */
record ClientIdentity(KeyManager[] keyManagers, String user) {
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";
    private static final char[] NO_PASSWORD = new char[0];

    static ClientIdentity load(Path certFile, Path keyFile) throws GeneralSecurityException, IOException {
        List<X509Certificate> chain;
        try (InputStream in = Files.newInputStream(certFile)) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(c -> (X509Certificate) c).toList();
        }
        if (chain.isEmpty()) throw new IllegalArgumentException(certFile + " holds no certificate");
        PrivateKey key = privateKey(keyFile);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
        KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        f.init(store, NO_PASSWORD);
        return new ClientIdentity(f.getKeyManagers(), commonName(chain.get(0)));
    }

    private static PrivateKey privateKey(Path file) throws GeneralSecurityException, IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        int begin = pem.indexOf(KEY_BEGIN);
        int end = pem.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(file + " holds no unencrypted PKCS#8 \"PRIVATE KEY\"");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + KEY_BEGIN.length(), end));
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("EC").generatePrivate(spec);
        } catch (InvalidKeySpecException notEc) {
            return KeyFactory.getInstance("RSA").generatePrivate(spec);
        }
    }

    private static String commonName(X509Certificate cert) {
        try {
            return new LdapName(cert.getSubjectX500Principal().getName()).getRdns().stream()
                    .filter(r -> r.getType().equalsIgnoreCase("CN")).map(r -> String.valueOf(r.getValue()))
                    .findFirst().orElse("");
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("the client certificate's subject is not a valid name", e);
        }
    }
}
