package io.shardsql.jdbc.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionUrlTest {

    @Test
    void oneHostWithDefaultPort() throws SQLException {
        ConnectionUrl u = ConnectionUrl.parse("jdbc:shardsql://db1/");
        assertThat(u.hosts()).containsExactly(new HostAndPort("db1", 9470));
        assertThat(u.properties()).isEmpty();
    }

    @Test
    void severalHostsInOrderWithPortsAndProperties() throws SQLException {
        ConnectionUrl u = ConnectionUrl.parse("jdbc:shardsql://a:1,b,[::1]:3,[fe80::2]/?user=admin&password=p%26w%3D&fetchSize=50&ssl");
        assertThat(u.hosts()).containsExactly(new HostAndPort("a", 1), new HostAndPort("b", 9470),
                new HostAndPort("::1", 3), new HostAndPort("fe80::2", 9470));
        assertThat(u.properties()).isEqualTo(Map.of("user", "admin", "password", "p&w=", "fetchSize", "50", "ssl", ""));
        assertThat(u.hosts().get(2)).hasToString("[::1]:3");
    }

    @Test
    void theSlashMayBeLeftOutAndThePrefixIsCaseInsensitive() throws SQLException {
        assertThat(ConnectionUrl.parse("JDBC:ShardSQL://h:99").hosts()).containsExactly(new HostAndPort("h", 99));
        assertThat(ConnectionUrl.parse("jdbc:shardsql://h:99?user=x").properties()).containsEntry("user", "x");
    }

    @Test
    void propertiesGivenToConnectOverrideTheUrl() throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "bob");
        Properties merged = ConnectionUrl.parse("jdbc:shardsql://h/?user=alice&fetchSize=7").merge(info);
        assertThat(merged.getProperty("user")).isEqualTo("bob");
        assertThat(merged.getProperty("fetchSize")).isEqualTo("7");
    }

    @Test
    void acceptsOnlyItsOwnPrefix() {
        assertThat(ConnectionUrl.accepts("jdbc:shardsql://h/")).isTrue();
        assertThat(ConnectionUrl.accepts("jdbc:postgresql://h/db")).isFalse();
        assertThat(ConnectionUrl.accepts(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:shardsql://", "jdbc:shardsql:///", "jdbc:shardsql://h:/", "jdbc:shardsql://h:x/",
            "jdbc:shardsql://h:0/", "jdbc:shardsql://h:70000/", "jdbc:shardsql://a,,b/", "jdbc:shardsql://h/mydb",
            "jdbc:shardsql://[::1/", "jdbc:shardsql://[::1]x/", "jdbc:shardsql://u@h/", "jdbc:shardsql://h/?=v",
            "jdbc:shardsql://h/?a=%zz", "jdbc:other://h/"})
    void badUrlsAre08001(String url) {
        assertThatThrownBy(() -> ConnectionUrl.parse(url)).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
    }

    @Test
    void thePasswordNeverAppearsInMessages() {
        assertThatThrownBy(() -> ConnectionUrl.parse("jdbc:shardsql://h:x/?password=hunter2"))
                .hasMessageNotContaining("hunter2").hasMessageContaining("password=***");
    }

    @Test
    void driverPropertiesReadUnitsAndRejectBadValues() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "u");
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "4");
        p.setProperty("fetchSize", "100");
        p.setProperty("ssl", "true");
        p.setProperty("applicationName", "report");
        DriverProperties d = DriverProperties.of(p);
        assertThat(d.connectTimeoutMillis()).isEqualTo(3000);
        assertThat(d.networkTimeoutMillis()).isEqualTo(4000);
        assertThat(d.fetchSize()).isEqualTo(100);
        assertThat(d.ssl()).isTrue();
        assertThat(d.clientName("shardsql-jdbc 1")).isEqualTo("shardsql-jdbc 1 (report)");
        p.setProperty("networkTimeout", "250");
        assertThat(DriverProperties.of(p).networkTimeoutMillis()).isEqualTo(250);
        assertThat(DriverProperties.of(new Properties()).connectTimeoutMillis()).isEqualTo(10_000);

        for (String[] bad : List.of(new String[] {"fetchSize", "-1"}, new String[] {"connectTimeout", "soon"},
                new String[] {"ssl", "maybe"})) {
            Properties q = new Properties();
            q.setProperty(bad[0], bad[1]);
            assertThatThrownBy(() -> DriverProperties.of(q)).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
        }
        p.setProperty("password", "secret");
        assertThat(DriverProperties.of(p).toString()).doesNotContain("secret");
    }
}
