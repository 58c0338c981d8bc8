package io.shardsql.cli;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.server.ClusterStatus;
import io.shardsql.server.EmbeddedCluster;
import io.shardsql.server.certs.CertsDir;
import io.shardsql.storage.net.NodeTls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code shardsql status}: groups, replicas, leaders, terms and applied indexes, read from {@code sys.shards}
 * over the SQL port as an authenticated user (an admin: by password, or by a client certificate); with
 * {@code --raft}, asked of the Raft port directly with a node certificate, as before.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show every group's replicas, leaders, terms and applied indexes (from sys.shards).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:shown", "2:usage error, cannot connect or log in"})
final class StatusCommand implements Callable<Integer> {
    static final int USAGE = 2;
    static final String QUERY = "SELECT group_name, node, address, role, term, leader, applied_index, commit_index "
            + "FROM sys.shards";

    @Option(names = "--url", defaultValue = "jdbc:shardsql://127.0.0.1:9470/",
            description = "any node's JDBC URL (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--user", defaultValue = "admin", description = "user name (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password", description = "password (default: $" + SqlCommand.PASSWORD_ENV
            + "; none: log in by client certificate)")
    String password;

    @Option(names = "--certs-dir", defaultValue = "data/certs", paramLabel = "DIR",
            description = "certificates (default: ${DEFAULT-VALUE}, where start keeps its own): client.<user>.crt "
                    + "and .key, if there, log in over TLS trusting ca.crt; with --raft: node.crt, node.key, ca.crt")
    Path certsDir;

    @Option(names = "--cert", paramLabel = "FILE", description = "client certificate (PEM); implies TLS")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "the client certificate's key (PEM, PKCS#8)")
    Path key;

    @Option(names = "--ssl", description = "TLS to the SQL port even without a client certificate")
    boolean ssl;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "CA certificates to trust for TLS (default: ca.crt of --certs-dir, if there)")
    Path caCert;

    @Option(names = "--raft", description = "ask the Raft port instead of the SQL port (needs a node certificate "
            + "when the cluster runs mutual TLS between nodes)")
    boolean raft;

    @Option(names = "--raft-port", description = "with --raft: the node's Raft port (default: the URL's port + 100)")
    Integer raftPort;

    @Spec
    CommandSpec spec;

    /** The environment; tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        Logging.quiet();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            out.print(ClusterStatus.format(raft ? overRaft() : overSql()));
            return 0;
        } catch (SQLException e) {
            err.println("shardsql status: cannot read sys.shards at " + url + ": " + e.getMessage()
                    + " (SQLState " + e.getSQLState() + ")");
            return USAGE;
        } catch (IllegalArgumentException e) {
            err.println("shardsql status: " + e.getMessage());
            return USAGE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private List<ClusterStatus.Replica> overRaft() {
        URI uri = parse(url);
        int port = raftPort != null ? raftPort : uri.getPort() + EmbeddedCluster.RAFT_PORT_OFFSET;
        CertsDir certs = new CertsDir(certsDir);
        NodeTls tls = certs.hasNodeCertificate() ? certs.nodeTls() : NodeTls.OFF;
        return ClusterStatus.collect(uri.getHost(), port, tls);
    }

    private List<ClusterStatus.Replica> overSql() throws SQLException {
        List<ClusterStatus.Replica> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, connectionProperties());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            while (rs.next()) {
                rows.add(new ClusterStatus.Replica(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), rs.getLong(7), rs.getLong(8), null));
            }
        }
        return ClusterStatus.sorted(rows);
    }

    /** The driver's properties: user, password and TLS with the client certificate, if any. */
    Properties connectionProperties() {
        Properties p = new Properties();
        p.setProperty("user", user);
        String pw = password != null ? password : env.get(SqlCommand.PASSWORD_ENV);
        if (pw != null) p.setProperty("password", pw);
        if ((cert == null) != (key == null)) throw new IllegalArgumentException("--cert and --key go together");
        CertsDir certs = new CertsDir(certsDir);
        Path certFile = cert != null ? cert : certs.clientCert(user);
        Path keyFile = key != null ? key : certs.clientKey(user);
        boolean withCert = cert != null || Files.isReadable(certFile) && Files.isReadable(keyFile);
        if (withCert) {
            p.setProperty("sslCert", certFile.toString());
            p.setProperty("sslKey", keyFile.toString());
        } else if (pw == null) {
            throw new IllegalArgumentException("no password (--password or $" + SqlCommand.PASSWORD_ENV
                    + ") and no client certificate (--cert/--key, or " + certFile + " in --certs-dir)");
        }
        if (withCert || ssl) {
            p.setProperty("ssl", "true");
            Path ca = caCert != null ? caCert : certs.caCert();
            if (caCert != null || Files.isReadable(ca)) p.setProperty("sslTrustCert", ca.toString());
        }
        return p;
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
