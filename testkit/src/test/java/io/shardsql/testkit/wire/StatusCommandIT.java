package io.shardsql.testkit.wire;

import io.shardsql.cli.ShardSqlCli;
import io.shardsql.server.ClusterStatus;
import io.shardsql.server.certs.CertsDir;
import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code shardsql status} over the SQL port (sys.shards) against a cluster whose SQL port takes client
 * certificates: as the admin by password, as the admin by its client certificate, and refused with a wrong
 * password; it shows the groups the Raft port shows.
 */
@Timeout(180)
class StatusCommandIT {

    @Test
    void statusReadsSysShardsAsAnAdminByPasswordOrByCertificate(@TempDir Path dir) throws Exception {
        CertsDir certs = io.shardsql.testkit.TestCertificates.loopback();
        io.shardsql.testkit.TestCertificates.ca().issueClient("admin", CertsDir.CERT_LIFETIME)
                .write(dir.resolve("admin.crt"), dir.resolve("admin.key"));
        MiniCluster.Builder b = MiniCluster.builder().nodes(1).replication(1).shards(2).tls(true)
                .set("sql.tls.certificate", certs.nodeCert()).set("sql.tls.key", certs.nodeKey())
                .set("sql.tls.client-auth", "optional");
        try (MiniCluster cluster = b.start()) {
            cluster.awaitReady();
            String url = cluster.jdbcUrl();
            var self = cluster.config(0).self();
            List<ClusterStatus.Replica> raft = ClusterStatus.collect(self.host(), self.raftPort(),
                    certs.nodeTls());
            assertThat(raft).hasSizeGreaterThanOrEqualTo(2); // coordinator group(s) and two shards, one replica each
            String[] byPassword = {"status", "--url", url, "--password", MiniCluster.ADMIN_PASSWORD, "--ssl",
                "--ca-cert", certs.caCert().toString(), "--certs-dir", dir.resolve("none").toString()};
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Run r = run(byPassword);
                assertThat(r.code).as(r.err).isZero();
                assertThat(r.out).startsWith("GROUP");
                assertThat(r.out.lines().skip(1)).allMatch(l -> l.contains(" LEADER "), "every replica leads");
                for (ClusterStatus.Replica replica : raft) assertThat(r.out).contains(replica.group());
                assertThat(r.out.lines().count()).isEqualTo(1 + raft.size());
            });
            Run byCertificate = run("status", "--url", url, "--cert", dir.resolve("admin.crt").toString(),
                    "--key", dir.resolve("admin.key").toString(), "--ca-cert", certs.caCert().toString(),
                    "--certs-dir", dir.resolve("none").toString());
            assertThat(byCertificate.code).as(byCertificate.err).isZero();
            assertThat(byCertificate.out.lines().count()).isEqualTo(1 + raft.size());

            Run wrong = run("status", "--url", url, "--password", "not-the-password", "--ssl",
                    "--ca-cert", certs.caCert().toString(), "--certs-dir", dir.resolve("none").toString());
            assertThat(wrong.code).isEqualTo(2);
            assertThat(wrong.err).contains("28P01");
            assertThat(wrong.out).isEmpty();
        }
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = ShardSqlCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
