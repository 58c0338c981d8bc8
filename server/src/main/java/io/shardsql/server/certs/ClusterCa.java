package io.shardsql.server.certs;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A cluster's certificate authority: a self-signed CA certificate and its key, which sign the node
 * certificates ({@code CN=node}, usable as TLS server and client, SANs for every host name and IP the
 * node is reached at, always with {@code localhost} and {@code 127.0.0.1}) and client certificates
 * ({@code CN=<user>}, TLS client only). Keys are EC P-256, signatures ECDSA with SHA-256; a certificate is
 * valid from an hour before it was made (clocks differ) for the validity asked for.
 */
public final class ClusterCa {
    /** Host names every node certificate carries besides the node's own. */
    public static final List<String> LOCAL_HOSTS = List.of("localhost", "127.0.0.1");
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate cert;
    private final PrivateKey key;

    private ClusterCa(X509Certificate cert, PrivateKey key) {
        this.cert = cert;
        this.key = key;
    }

    /** A certificate and the key that goes with it. */
    public record Issued(X509Certificate cert, PrivateKey key) {
        public void write(Path certFile, Path keyFile) throws IOException {
            PemIo.writeKey(keyFile, key);
            PemIo.writeCertificate(certFile, cert);
        }
    }

    /** A new CA named {@code name} (its certificate's CN), valid for {@code validity}. */
    public static ClusterCa create(String name, Duration validity) throws GeneralSecurityException {
        KeyPair pair = newKeyPair();
        X500Name subject = name(name);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(subject, subject, validity, pair)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(pair.getPublic()));
            return new ClusterCa(sign(b, pair.getPrivate()), pair.getPrivate());
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** The CA in {@code certFile} and {@code keyFile}. */
    public static ClusterCa load(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        return new ClusterCa(PemIo.readCertificate(certFile), PemIo.readKey(keyFile));
    }

    public X509Certificate certificate() { return cert; }

    public void write(Path certFile, Path keyFile) throws IOException {
        new Issued(cert, key).write(certFile, keyFile);
    }

    /** A node certificate for {@code hosts} (and {@link #LOCAL_HOSTS}), valid for {@code validity}. */
    public Issued issueNode(Collection<String> hosts, Duration validity) throws GeneralSecurityException {
        Set<String> all = new LinkedHashSet<>();
        for (String h : hosts) {
            if (!h.isBlank()) all.add(h.trim());
        }
        all.addAll(LOCAL_HOSTS);
        List<GeneralName> names = new ArrayList<>();
        for (String h : all) names.add(new GeneralName(isIp(h) ? GeneralName.iPAddress : GeneralName.dNSName, h));
        return issue("node", validity,
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth},
                new GeneralNames(names.toArray(new GeneralName[0])));
    }

    /** A client certificate for SQL user {@code user}, valid for {@code validity}. */
    public Issued issueClient(String user, Duration validity) throws GeneralSecurityException {
        return issue(user, validity, new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}, null);
    }

    private Issued issue(String commonName, Duration validity, KeyPurposeId[] purposes, GeneralNames sans)
            throws GeneralSecurityException {
        KeyPair pair = newKeyPair();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()),
                    name(commonName), validity, pair)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(cert))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(pair.getPublic()));
            if (sans != null) b.addExtension(Extension.subjectAlternativeName, false, sans);
            return new Issued(sign(b, key), pair.getPrivate());
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, Duration validity,
                                                    KeyPair pair) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, pair.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(SIGNATURE).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "ShardSQL").addRDN(BCStyle.CN, commonName)
                .build();
    }

    /** An IPv4 or IPv6 literal (never resolved: a name is a DNS name). */
    static boolean isIp(String host) {
        return host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || host.contains(":");
    }
}
