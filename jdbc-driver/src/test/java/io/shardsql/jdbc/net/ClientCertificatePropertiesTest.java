package io.shardsql.jdbc.net;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code sslCert} and {@code sslKey}: read, checked together, and only with TLS. */
class ClientCertificatePropertiesTest {

    private static Properties props(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) p.setProperty(pairs[i], pairs[i + 1]);
        return p;
    }

    @Test
    void certificateAndKeyAreRead() throws SQLException {
        DriverProperties d = DriverProperties.of(props("ssl", "true", "sslCert", "a.crt", "sslKey", "a.key"));
        assertThat(d.sslCert()).isEqualTo("a.crt");
        assertThat(d.sslKey()).isEqualTo("a.key");
        assertThat(d.toString()).contains("sslCert=a.crt");
        assertThat(DriverProperties.of(props()).sslCert()).isNull();
    }

    @Test
    void aCertificateWithoutItsKeyOrWithoutTlsIsRefusedWith08001() {
        assertThatThrownBy(() -> DriverProperties.of(props("ssl", "true", "sslCert", "a.crt")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("go together");
        assertThatThrownBy(() -> DriverProperties.of(props("ssl", "true", "sslKey", "a.key")))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverProperties.of(props("sslCert", "a.crt", "sslKey", "a.key")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("ssl=true");
    }

    @Test
    void theDriverListsBothProperties() {
        assertThat(DriverProperties.describe(new Properties())).extracting(i -> i.name)
                .contains("sslCert", "sslKey");
    }
}
