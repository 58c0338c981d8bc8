package io.shardsql.jdbc.net;

import io.shardsql.jdbc.error.SqlErrors;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects to the first host of the URL that answers, trying them in order: a host that cannot be
 * reached, or whose connection breaks during the handshake, is skipped. An authentication failure
 * (28P01) or a refusal (08004) ends the attempt at once: the next node would say the same. When no
 * host works, the SQLException (08001) carries each host's failure as a suppressed exception.
 */
public final class Connector {
    /** How long the handshake may take when neither loginTimeout nor a network timeout is set. */
    static final int DEFAULT_LOGIN_TIMEOUT_MILLIS = 30_000;

    private Connector() {}

    /** A connected, authenticated client and its session. */
    public record Connected(WireClient client, Session session) {}

    public static Connected connect(ConnectionUrl url, DriverProperties props, String clientName) throws SQLException {
        ClientTls tls = ClientTls.forClient(props);
        List<SQLException> failures = new ArrayList<>();
        for (HostAndPort host : url.hosts()) {
            WireClient client;
            try {
                client = WireClient.open(host, props, tls);
            } catch (SQLException e) {
                failures.add(e);
                continue;
            }
            try {
                client.setNetworkTimeoutMillis(loginTimeout(props));
                Session session = Handshake.run(client, props, clientName,
                        tls == null ? null : tls.certificateUser());
                client.setNetworkTimeoutMillis(props.networkTimeoutMillis());
                return new Connected(client, session);
            } catch (SQLException e) {
                client.close();
                if (!SqlErrors.CONNECTION_FAILURE.equals(e.getSQLState())) throw e;
                failures.add(SqlErrors.unableToConnect("connection to " + host + " failed during the handshake: "
                        + e.getMessage(), e));
            }
        }
        SQLException e = SqlErrors.unableToConnect("could not connect to " + (url.hosts().size() == 1 ? "" : "any of ")
                + url.hosts()
                + (failures.isEmpty() ? "" : ": " + failures.get(failures.size() - 1).getMessage()), null);
        failures.forEach(e::addSuppressed);
        throw e;
    }

    private static int loginTimeout(DriverProperties props) {
        if (props.loginTimeoutMillis() > 0) return props.loginTimeoutMillis();
        int dm = java.sql.DriverManager.getLoginTimeout();
        if (dm > 0) return dm * 1000;
        if (props.networkTimeoutMillis() > 0) return props.networkTimeoutMillis();
        return DEFAULT_LOGIN_TIMEOUT_MILLIS;
    }
}
