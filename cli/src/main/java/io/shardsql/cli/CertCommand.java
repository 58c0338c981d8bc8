package io.shardsql.cli;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.server.certs.CertsDir;
import io.shardsql.server.certs.ClusterCa;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code shardsql cert}: the cluster CA and the certificates it signs, as PEM files in a certificates
 * directory ({@link CertsDir}). Nothing is overwritten unless {@code --overwrite} says so.
 */
@Command(name = "cert", mixinStandardHelpOptions = true,
        description = "Create the cluster CA, node certificates and client certificates (PEM files).",
        subcommands = {CertCommand.CreateCa.class, CertCommand.CreateNode.class, CertCommand.CreateClient.class})
final class CertCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a subcommand: create-ca, create-node or create-client");
    }

    /** Options every subcommand takes. */
    abstract static class Common {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--certs-dir", required = true, paramLabel = "DIR",
                description = "the certificates directory (ca.crt, node.crt, node.key, client.USER.crt/.key)")
        Path certsDir;

        @Option(names = "--ca-key", paramLabel = "FILE",
                description = "the CA's private key (default: DIR/ca.key; keep it off the nodes)")
        Path caKey;

        @Option(names = "--lifetime", paramLabel = "DAYS", description = "days the certificate is valid "
                + "(default: 3650 for the CA, 730 for the others)")
        Integer lifetimeDays;

        @Option(names = "--overwrite", description = "replace files that exist")
        boolean overwrite;

        CertsDir dir() { return new CertsDir(certsDir); }

        Path caKeyFile() { return caKey != null ? caKey : dir().caKey(); }

        Duration lifetime(Duration byDefault) {
            return lifetimeDays == null ? byDefault : Duration.ofDays(lifetimeDays);
        }

        void mayWrite(Path... files) {
            if (overwrite) return;
            for (Path f : files) {
                if (Files.exists(f)) {
                    throw new ShardSqlException(ErrorCode.CONFIG_INVALID, f + " exists (--overwrite replaces it)");
                }
            }
        }

        ClusterCa ca() throws IOException, GeneralSecurityException {
            Path cert = dir().caCert();
            if (!Files.isRegularFile(cert) || !Files.isRegularFile(caKeyFile())) {
                throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "no CA: " + cert + " and " + caKeyFile()
                        + " must exist (shardsql cert create-ca)");
            }
            return ClusterCa.load(cert, caKeyFile());
        }

        void wrote(Path... files) {
            PrintWriter out = spec.commandLine().getOut();
            for (Path f : files) out.println("wrote " + f);
            out.flush();
        }
    }

    /** {@code cert create-ca}: a new cluster CA. */
    @Command(name = "create-ca", mixinStandardHelpOptions = true,
            description = "Create the cluster CA: DIR/ca.crt and its key (--ca-key, default DIR/ca.key).")
    static final class CreateCa extends Common implements Callable<Integer> {
        @Override
        public Integer call() throws IOException, GeneralSecurityException {
            mayWrite(dir().caCert(), caKeyFile());
            ClusterCa.create("ShardSQL CA", lifetime(CertsDir.CA_LIFETIME)).write(dir().caCert(), caKeyFile());
            wrote(dir().caCert(), caKeyFile());
            return 0;
        }
    }

    /** {@code cert create-node HOST...}: a node certificate for the hosts a node is reached at. */
    @Command(name = "create-node", mixinStandardHelpOptions = true,
            description = "Create DIR/node.crt and DIR/node.key, signed by the CA, naming every HOST (host names "
                    + "and IP addresses the node is reached at; localhost and 127.0.0.1 are always added).")
    static final class CreateNode extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "HOST", arity = "0..*", description = "host names and IP addresses of the node")
        List<String> hosts = List.of();

        @Override
        public Integer call() throws IOException, GeneralSecurityException {
            CertsDir d = dir();
            mayWrite(d.nodeCert(), d.nodeKey());
            ca().issueNode(hosts, lifetime(CertsDir.CERT_LIFETIME)).write(d.nodeCert(), d.nodeKey());
            wrote(d.nodeCert(), d.nodeKey());
            return 0;
        }
    }

    /** {@code cert create-client USER}: a client certificate for a SQL user. */
    @Command(name = "create-client", mixinStandardHelpOptions = true,
            description = "Create DIR/client.USER.crt and DIR/client.USER.key, signed by the CA (CN=USER).")
    static final class CreateClient extends Common implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "USER", description = "the SQL user the certificate is for")
        String user;

        @Override
        public Integer call() throws IOException, GeneralSecurityException {
            if (!user.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "not a user name: '" + user + "'");
            }
            CertsDir d = dir();
            mayWrite(d.clientCert(user), d.clientKey(user));
            ca().issueClient(user, lifetime(CertsDir.CERT_LIFETIME)).write(d.clientCert(user), d.clientKey(user));
            wrote(d.clientCert(user), d.clientKey(user));
            return 0;
        }
    }
}
