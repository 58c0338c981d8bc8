package io.shardsql.server.endpoint;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code sql.tls.client-auth} and its CA, and reading a certificate's common name. */
class ClientCertificateSettingsTest {

    private static Properties tls(String... pairs) {
        Properties p = new Properties();
        p.setProperty("sql.tls.certificate", "server.crt");
        p.setProperty("sql.tls.key", "server.key");
        for (int i = 0; i < pairs.length; i += 2) p.setProperty(pairs[i], pairs[i + 1]);
        return p;
    }

    @Test
    void offByDefault() {
        EndpointSettings s = EndpointSettings.defaults();
        assertThat(s.clientAuth()).isEqualTo(ClientAuth.NONE);
        assertThat(s.clientCaFile()).isEmpty();
    }

    @Test
    void theClusterCaIsTheDefaultClientCaAndAnExplicitOneWins() {
        EndpointSettings s = EndpointSettings.from(tls("sql.tls.client-auth", "Require",
                "node.tls.ca-file", "certs/ca.crt"));
        assertThat(s.clientAuth()).isEqualTo(ClientAuth.REQUIRE);
        assertThat(s.clientCaFile()).contains(Path.of("certs/ca.crt"));
        s = EndpointSettings.from(tls("sql.tls.client-auth", "optional", "node.tls.ca-file", "certs/ca.crt",
                "sql.tls.client-ca-file", "clients-ca.crt"));
        assertThat(s.clientAuth()).isEqualTo(ClientAuth.OPTIONAL);
        assertThat(s.clientCaFile()).contains(Path.of("clients-ca.crt"));
    }

    @Test
    void clientCertificatesNeedTlsAndACaAndAKnownMode() {
        Properties noTls = new Properties();
        noTls.setProperty("sql.tls.client-auth", "require");
        noTls.setProperty("node.tls.ca-file", "ca.crt");
        assertConfigInvalid(noTls, "needs sql.tls.certificate");
        assertConfigInvalid(tls("sql.tls.client-auth", "require"), "needs sql.tls.certificate");
        assertConfigInvalid(tls("sql.tls.client-auth", "sometimes", "node.tls.ca-file", "ca.crt"),
                "none, optional or require");
    }

    private static void assertConfigInvalid(Properties p, String message) {
        assertThatThrownBy(() -> EndpointSettings.from(p)).isInstanceOfSatisfying(ShardSqlException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID)).hasMessageContaining(message);
    }

    @Test
    void theUserIsTheSubjectsOnlyCommonName() {
        assertThat(PeerCertificate.commonName("CN=alice,O=ShardSQL")).isEqualTo(Optional.of("alice"));
        assertThat(PeerCertificate.commonName("O=ShardSQL,CN=node")).isEqualTo(Optional.of("node"));
        assertThat(PeerCertificate.commonName("CN=a\\,b")).isEqualTo(Optional.of("a,b"));
        assertThat(PeerCertificate.commonName("O=ShardSQL")).isEmpty();
        assertThat(PeerCertificate.commonName("CN=a,CN=b")).isEmpty();
        assertThat(PeerCertificate.commonName("not a name")).isEmpty();
    }

    @Test
    void refusalsAre28000() {
        assertThat(ErrorCode.INVALID_AUTHORIZATION.sqlState()).isEqualTo("28000");
    }
}
