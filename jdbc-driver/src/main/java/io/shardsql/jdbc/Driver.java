package io.shardsql.jdbc;

import io.shardsql.jdbc.meta.DriverVersion;
import io.shardsql.jdbc.net.ConnectionUrl;
import io.shardsql.jdbc.net.Connector;
import io.shardsql.jdbc.net.DriverProperties;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The ShardSQL JDBC driver: {@code jdbc:shardsql://host[:port][,host2[:port2]...]/[?user=...&password=...]}
 * (default port 9470). Registered with {@link DriverManager} when the class loads (through
 * {@code META-INF/services/java.sql.Driver}). Hosts are tried in order until one accepts the
 * connection; see {@link DriverProperties} for the properties and docs/jdbc.md for the whole story.
 */
public final class Driver implements java.sql.Driver {
    static {
        try {
            DriverManager.registerDriver(new Driver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) return null;
        ConnectionUrl parsed = ConnectionUrl.parse(url);
        DriverProperties props = DriverProperties.of(parsed.merge(info));
        Connector.Connected c = Connector.connect(parsed, props, DriverVersion.clientName());
        return new ShardConnection(url, c.client(), c.session(), props);
    }

    @Override
    public boolean acceptsURL(String url) {
        return ConnectionUrl.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        Properties p = acceptsURL(url) ? ConnectionUrl.parse(url).merge(info) : info;
        return DriverProperties.describe(p);
    }

    @Override public int getMajorVersion() { return DriverVersion.MAJOR; }
    @Override public int getMinorVersion() { return DriverVersion.MINOR; }

    /** Not yet: JDBC compliance needs full SQL-92 Entry Level, which is not claimed. */
    @Override public boolean jdbcCompliant() { return false; }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("io.shardsql.jdbc");
    }
}
