package io.shardsql.testkit.security;

import io.shardsql.protocol.message.AuthOk;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.ServerMessage;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.testkit.wire.WireClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The login throttle (docs/security.md, "Logins"): wrong passwords for user A, from 127.0.0.1, slow A's
 * next login (even from another address) and every login from 127.0.0.1, but not user B's login from
 * another address (127.0.0.2: every 127.x.y.z is loopback on Linux, so the server sees two real
 * addresses). The delays are set large (a wait of at least 2 s after 4 failures) and compared with a
 * generous bound, so a loaded machine does not make the test flaky: an unthrottled login takes well under
 * a second.
 */
@Timeout(180)
class LoginThrottleIT {
    private static final String PW = "long-enough-1";
    private static final Duration SLOWED = Duration.ofSeconds(2);

    @Test
    void failuresForOneUserSlowThatUserAndThatAddressButNotAnotherUserElsewhere() throws Exception {
        try (MiniCluster cluster = MiniCluster.builder().nodes(1).replication(1).shards(1)
                .set("sql.auth.failure-delay", "400ms").set("sql.auth.failure-delay-max", "2500ms").start()) {
            cluster.awaitReady();
            int port = cluster.config(0).self().sqlPort();
            try (Connection admin = DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
                 Statement s = admin.createStatement()) {
                s.execute("CREATE USER ada PASSWORD '" + PW + "'");
                s.execute("CREATE USER ben PASSWORD '" + PW + "'");
            }
            for (int i = 0; i < 4; i++) { // waits 0, 0.4, 0.8 and 1.6 s before each check
                SQLException e = catchThrowableOfType(() ->
                        DriverManager.getConnection(cluster.jdbcUrl(), "ada", "wrong-password"), SQLException.class);
                assertThat(e.getSQLState()).isEqualTo("28P01");
            }
            // ben from another address: not slowed
            assertThat(timeToLogIn("127.0.0.2", port, "ben", PW)).isLessThan(SLOWED);
            // ada, even from that other address: slowed (2.5 s), and then let in with the right password
            assertThat(timeToLogIn("127.0.0.2", port, "ada", PW)).isGreaterThanOrEqualTo(SLOWED);
            // ben from the address the failures came from: slowed too
            assertThat(timeToLogIn("127.0.0.1", port, "ben", PW)).isGreaterThanOrEqualTo(SLOWED);
            // ada's success cleared ada's count: from a fresh address she is not slowed any more
            assertThat(timeToLogIn("127.0.0.3", port, "ada", PW)).isLessThan(SLOWED);
        }
    }

    private static Duration timeToLogIn(String from, int port, String user, String password) {
        try (WireClient c = WireClient.connectFrom(from, "127.0.0.1", port)) {
            long t0 = System.nanoTime();
            ServerMessage answer = c.authenticate(user, password);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(answer).as(answer instanceof ErrorReply r ? r.message() : "").isInstanceOf(AuthOk.class);
            return took;
        }
    }
}
