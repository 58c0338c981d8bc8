package io.shardsql.cli;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.server.ClusterStatus;
import io.shardsql.server.EmbeddedCluster;
import io.shardsql.server.certs.CertsDir;
import io.shardsql.storage.net.NodeTls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code shardsql status}: groups, replicas, leaders, terms and applied indexes. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show every group's replicas, leaders, terms and applied indexes.")
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--url", defaultValue = "jdbc:shardsql://127.0.0.1:9470/",
            description = "any node's JDBC URL (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--raft-port", description = "the node's Raft port (default: the URL's port + 100)")
    Integer raftPort;

    @Option(names = "--certs-dir", defaultValue = "data/certs", paramLabel = "DIR",
            description = "a directory with a node certificate (node.crt, node.key, ca.crt) to show the Raft port "
                    + "when it runs mutual TLS; none there: a plain connection (default: ${DEFAULT-VALUE}, where "
                    + "start keeps its own)")
    Path certsDir;

    @Override
    public Integer call() {
        Logging.quiet();
        URI uri = parse(url);
        int port = raftPort != null ? raftPort : uri.getPort() + EmbeddedCluster.RAFT_PORT_OFFSET;
        CertsDir certs = new CertsDir(certsDir);
        NodeTls tls = certs.hasNodeCertificate() ? certs.nodeTls() : NodeTls.OFF;
        System.out.print(ClusterStatus.format(ClusterStatus.collect(uri.getHost(), port, tls)));
        return 0;
    }

    static URI parse(String url) {
        String prefix = "jdbc:shardsql://";
        if (!url.startsWith(prefix)) throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "not a ShardSQL URL: "
                + url);
        String hostPort = url.substring(prefix.length()).split("[/,?]")[0];
        URI uri = URI.create("shardsql://" + (hostPort.contains(":") ? hostPort : hostPort + ":9470"));
        if (uri.getHost() == null) throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "no host in URL " + url);
        return uri;
    }
}
