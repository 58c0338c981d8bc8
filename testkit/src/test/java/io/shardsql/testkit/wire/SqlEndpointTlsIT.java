package io.shardsql.testkit.wire;

import io.shardsql.protocol.message.AuthOk;
import io.shardsql.protocol.message.Envelope;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.Ping;
import io.shardsql.protocol.message.Pong;
import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A node whose endpoint speaks only TLS, and closes sessions idle for three seconds. */
@Timeout(180)
class SqlEndpointTlsIT {

    @Test
    void tlsSessionsWorkPlainOnesDoNotAndIdleOnesAreClosedWith57P05(@TempDir Path dir) throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        MiniCluster.Builder b = MiniCluster.builder().nodes(1).replication(1).shards(1)
                .set("sql.tls.certificate", certs.certificate()).set("sql.tls.key", certs.key()).set("sql.idle-timeout", "3s");
        try (MiniCluster cluster = b.start()) {
            int port = cluster.config(0).self().sqlPort();
            try (WireClient busy = WireClient.connectTls("127.0.0.1", port, certs.certificate().toFile())) {
                assertThat(busy.authenticate("admin", MiniCluster.ADMIN_PASSWORD)).isInstanceOf(AuthOk.class);
                WireClient idle = WireClient.connectTls("127.0.0.1", port, certs.certificate().toFile());
                assertThat(idle.authenticate("admin", MiniCluster.ADMIN_PASSWORD)).isInstanceOf(AuthOk.class);
                // The busy client pings every 200 ms while the idle one is waited out.
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    assertThat(busy.call(new Ping())).singleElement().isInstanceOf(Pong.class);
                    return !idle.isOpen();
                });
                Envelope<?> last = idle.next();
                assertThat(last.requestId()).isEqualTo(Envelope.CONNECTION);
                assertThat(last.message()).isInstanceOfSatisfying(ErrorReply.class, e -> assertThat(e.sqlState()).isEqualTo("57P05"));
                assertThat(idle.awaitClosed()).isTrue();
                idle.close();
                assertThat(busy.isOpen()).isTrue();
            }
            // A client that does not speak TLS gets nowhere: the server closes the connection.
            try (WireClient plain = WireClient.connect("127.0.0.1", port)) {
                plain.send(new Ping());
                await().atMost(Duration.ofSeconds(30)).until(() -> !plain.isOpen());
            }
        }
    }
}
