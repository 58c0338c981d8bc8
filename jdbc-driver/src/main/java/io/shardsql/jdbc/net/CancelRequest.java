package io.shardsql.jdbc.net;

import io.shardsql.protocol.message.Cancel;

import java.sql.SQLException;

/**
 * {@code Statement.cancel}: a new connection to the session's node whose first and only frame is
 * {@code Cancel(session id, cancel secret, request id)} (docs/protocol.md §6). The server answers Ok
 * whatever happened and closes; the cancelled request ends with 57014 on its own connection.
 */
public final class CancelRequest {
    private static final int CANCEL_WAIT_MILLIS = 5_000;

    private CancelRequest() {}

    public static void send(Session session, DriverProperties props, int requestId) throws SQLException {
        ClientTls tls = ClientTls.forClient(props);
        try (WireClient c = WireClient.open(session.host(), props, tls)) {
            c.setNetworkTimeoutMillis(CANCEL_WAIT_MILLIS);
            try {
                c.call(new Cancel(session.sessionId(), session.cancelSecret(), requestId));
            } catch (SQLException closedWithoutOk) {
                // the server may close before we read the Ok; the cancel was delivered either way
            }
        }
    }
}
