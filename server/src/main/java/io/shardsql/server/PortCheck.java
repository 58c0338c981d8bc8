package io.shardsql.server;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks before start-up that a port can be bound, so a busy port is one clear message. */
final class PortCheck {
    private PortCheck() {}

    static void requireFree(String host, int port, String what) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new ShardSqlException(ErrorCode.PORT_IN_USE, what + " port " + port + " on " + host
                    + " is not available (" + e.getMessage() + "); is another node running?");
        }
    }
}
