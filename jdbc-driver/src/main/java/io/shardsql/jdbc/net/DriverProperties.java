package io.shardsql.jdbc.net;

import io.shardsql.jdbc.error.SqlErrors;

import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * The connection properties the driver understands, typed and checked. Names and units:
 * <pre>
 * user, password          credentials (SCRAM-SHA-256; the password never crosses the wire)
 * connectTimeout          seconds to open the TCP connection to one host (default 10; 0 = the OS's)
 * loginTimeout            seconds for the whole connect incl. handshake (default: DriverManager's, else none)
 * socketTimeout           seconds to wait for any answer (default 0 = none); same as networkTimeout
 * networkTimeout          the same in milliseconds, as Connection.setNetworkTimeout
 * fetchSize               rows per batch for new statements (default 0 = the server's default)
 * applicationName         shown by the server in its session tables (sent in Hello's client name)
 * ssl                     true: TLS (default false)
 * sslTrustAll             true: accept any server certificate and name (tests only!)
 * sslTrustCert            a PEM file of CA certificates to trust instead of the JDK's
 * sslCert, sslKey         a PEM client certificate (chain) and its PKCS#8 key, shown at the TLS handshake; without
 *                         a password the driver logs in by the certificate, as the user it names (its CN)
 * </pre>
 */
public record DriverProperties(String user, String password, int connectTimeoutMillis, int loginTimeoutMillis,
                               int networkTimeoutMillis, int fetchSize, String applicationName, boolean ssl,
                               boolean sslTrustAll, String sslTrustCert, String sslCert, String sslKey) {

    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;

    /** Reads and checks {@code p}; a bad value is an SQLException with SQLState 08001. */
    public static DriverProperties of(Properties p) throws SQLException {
        int network = seconds(p, "socketTimeout", 0);
        if (p.getProperty("networkTimeout") != null) network = integer(p, "networkTimeout", 0);
        DriverProperties d = new DriverProperties(
                p.getProperty("user", ""),
                p.getProperty("password", ""),
                seconds(p, "connectTimeout", DEFAULT_CONNECT_TIMEOUT_SECONDS),
                seconds(p, "loginTimeout", 0),
                network,
                integer(p, "fetchSize", 0),
                p.getProperty("applicationName", ""),
                bool(p, "ssl"),
                bool(p, "sslTrustAll"),
                p.getProperty("sslTrustCert"),
                p.getProperty("sslCert"),
                p.getProperty("sslKey"));
        if ((d.sslCert() == null) != (d.sslKey() == null)) {
            throw SqlErrors.unableToConnect("sslCert and sslKey go together", null);
        }
        if (d.sslCert() != null && !d.ssl()) {
            throw SqlErrors.unableToConnect("sslCert and sslKey need ssl=true", null);
        }
        return d;
    }

    /** What {@code Driver.getPropertyInfo} lists. */
    public static DriverPropertyInfo[] describe(Properties p) {
        return new DriverPropertyInfo[] {
            info(p, "user", true, "user name"),
            info(p, "password", true, "password"),
            info(p, "connectTimeout", false, "seconds to open the TCP connection to one host (default 10)"),
            info(p, "loginTimeout", false, "seconds for the whole connect including authentication (0: none)"),
            info(p, "socketTimeout", false, "seconds to wait for any answer from the server (0: none)"),
            info(p, "networkTimeout", false, "the same in milliseconds"),
            info(p, "fetchSize", false, "rows per batch by default (0: the server's default)"),
            info(p, "applicationName", false, "name shown in the server's session list"),
            choice(p, "ssl", "use TLS"),
            choice(p, "sslTrustAll", "accept any server certificate (tests only)"),
            info(p, "sslTrustCert", false, "PEM file of CA certificates to trust"),
            info(p, "sslCert", false, "PEM client certificate to show the server (log in by it without a password)"),
            info(p, "sslKey", false, "PEM PKCS#8 private key of sslCert"),
        };
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "DriverProperties[user=" + user + ", connectTimeoutMillis=" + connectTimeoutMillis
                + ", loginTimeoutMillis=" + loginTimeoutMillis + ", networkTimeoutMillis=" + networkTimeoutMillis
                + ", fetchSize=" + fetchSize + ", applicationName=" + applicationName + ", ssl=" + ssl
                + ", sslTrustAll=" + sslTrustAll + ", sslCert=" + sslCert + "]";
    }

    /** The client name sent in Hello: the driver's name and version, and the application's name. */
    public String clientName(String driverName) {
        return applicationName.isEmpty() ? driverName : driverName + " (" + applicationName + ")";
    }

    private static int seconds(Properties p, String name, int defaultSeconds) throws SQLException {
        long ms = (long) integer(p, name, defaultSeconds) * 1000;
        return (int) Math.min(ms, Integer.MAX_VALUE);
    }

    private static int integer(Properties p, String name, int defaultValue) throws SQLException {
        String v = p.getProperty(name);
        if (v == null || v.isBlank()) return defaultValue;
        try {
            int i = Integer.parseInt(v.trim());
            if (i < 0) throw bad(name, v);
            return i;
        } catch (NumberFormatException e) {
            throw bad(name, v);
        }
    }

    private static boolean bool(Properties p, String name) throws SQLException {
        String v = p.getProperty(name);
        if (v == null) return false;
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "", "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw bad(name, v);
        };
    }

    private static SQLException bad(String name, String value) {
        return SqlErrors.of(SqlErrors.UNABLE_TO_CONNECT, 0, "bad value for connection property " + name + ": '"
                + value + "'", null);
    }

    private static DriverPropertyInfo info(Properties p, String name, boolean required, String description) {
        DriverPropertyInfo i = new DriverPropertyInfo(name, p == null ? null : p.getProperty(name));
        i.required = required;
        i.description = description;
        return i;
    }

    private static DriverPropertyInfo choice(Properties p, String name, String description) {
        DriverPropertyInfo i = info(p, name, false, description);
        i.choices = new String[] {"true", "false"};
        return i;
    }
}
