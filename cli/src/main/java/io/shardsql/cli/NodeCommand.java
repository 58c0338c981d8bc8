package io.shardsql.cli;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.server.users.AdminBootstrap;
import io.shardsql.storage.net.NodeTls;
import io.shardsql.server.Node;
import io.shardsql.server.NodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code shardsql node --config FILE}: one node of a multi-machine cluster, until SIGTERM. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run one node of a cluster (static membership in the config file).")
final class NodeCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, description = "node configuration (properties file)")
    Path config;

    @Option(names = "--ready-timeout", defaultValue = "300",
            description = "seconds to wait for the cluster to serve (default: ${DEFAULT-VALUE})")
    int readyTimeoutSeconds;

    @Option(names = "--admin-password", description = "password of user admin, made on the cluster's first start "
            + "(default: $" + AdminBootstrap.PASSWORD_ENV + ", else one is generated and printed once)")
    String adminPassword;

    @Option(names = "--insecure", description = "run without certificates: the links between nodes are neither "
            + "authenticated nor encrypted (only for a network nobody else reaches)")
    boolean insecure;

    @Override
    public Integer call() throws InterruptedException {
        NodeConfig cfg = NodeConfig.load(config);
        requireCertificatesOrInsecure(cfg.raft().tls().enabled(), insecure);
        Logging.toFile(cfg.dataDir().resolve("shardsql.log"));
        CountDownLatch stopped = new CountDownLatch(1);
        Node node = new Node(cfg);
        node.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "shardsql-shutdown"));
        System.out.println("ShardSQL node " + cfg.nodeId() + " started (links between nodes: " + cfg.raft().tls()
                + "); waiting for the cluster");
        node.awaitReady(Duration.ofSeconds(readyTimeoutSeconds));
        AdminBootstrap.Outcome admin = node.ensureAdmin(AdminPassword.given(adminPassword));
        System.out.println("ShardSQL ready: jdbc:shardsql://" + cfg.self().host() + ":" + cfg.self().sqlPort() + "/"
                + AdminPassword.describe(admin));
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** Secure by default: a node without certificates starts only when told {@code --insecure}, never both. */
    static void requireCertificatesOrInsecure(boolean certificates, boolean insecure) {
        if (!certificates && !insecure) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "refusing to start without certificates: set "
                    + NodeTls.CERT_FILE.name() + ", " + NodeTls.KEY_FILE.name() + " and " + NodeTls.CA_FILE.name()
                    + " (shardsql cert create-node), or pass --insecure");
        }
        if (certificates && insecure) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "--insecure, yet the configuration names "
                    + "certificates: choose one");
        }
    }
}
