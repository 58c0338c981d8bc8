package io.shardsql.cli;

import io.shardsql.server.users.AdminBootstrap;
import io.shardsql.server.EmbeddedCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code shardsql start}: three nodes in this JVM on loopback, until Ctrl-C or SIGTERM. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start a 3-node cluster in this process on loopback (data survives restarts).")
final class StartCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "data", description = "data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--port", defaultValue = "9470",
            description = "SQL port of the first node; nodes use port, port+1, port+2; "
                    + "Raft uses port+100.. (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--shards", defaultValue = "4",
            description = "number of shards when the cluster is created (default: ${DEFAULT-VALUE})")
    int shards;

    @Option(names = "--ready-timeout", defaultValue = "120",
            description = "seconds to wait for the cluster to serve (default: ${DEFAULT-VALUE})")
    int readyTimeoutSeconds;

    @Option(names = "--admin-password", description = "password of user admin, made on the cluster's first start "
            + "(default: $" + AdminBootstrap.PASSWORD_ENV + ", else one is generated and printed once)")
    String adminPassword;

    @Option(names = "--insecure", description = "plain links between the nodes, without the certificates "
            + "otherwise made in DATA-DIR/certs on the first start")
    boolean insecure;

    @Override
    public Integer call() throws InterruptedException {
        Logging.toFile(dataDir.resolve("shardsql.log"));
        CountDownLatch stopped = new CountDownLatch(1);
        Properties settings = insecure ? new Properties() : EmbeddedCluster.localCertificates(dataDir).nodeSettings();
        EmbeddedCluster cluster = EmbeddedCluster.start(dataDir, port, shards, settings,
                Duration.ofSeconds(readyTimeoutSeconds));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("ShardSQL stopping");
            cluster.close();
            System.out.println("ShardSQL stopped");
            stopped.countDown();
        }, "shardsql-shutdown"));
        AdminBootstrap.Outcome admin = cluster.nodes().get(0).ensureAdmin(AdminPassword.given(adminPassword));
        System.out.println("Links between nodes: " + (insecure ? "insecure (--insecure)"
                : "mutual TLS, certificates in " + EmbeddedCluster.certsDir(dataDir)));
        System.out.println("ShardSQL ready: " + cluster.jdbcUrl() + AdminPassword.describe(admin));
        System.out.flush();
        stopped.await();
        return 0;
    }
}
