package io.shardsql.server.endpoint;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.common.config.ConfigKey;
import io.shardsql.protocol.ProtocolConfig;
import io.shardsql.protocol.auth.Scram;
import io.shardsql.sql.calcite.StatementMemory;
import io.shardsql.storage.net.NodeTls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Settings of a node's SQL endpoint.
 *
 * @param maxFrameBytes    the largest frame either side may send ({@code protocol.max-frame-bytes})
 * @param maxCursors       open cursors per session; one more is refused with 54000
 * @param maxStatements    prepared statements per session; one more is refused with 54000
 * @param idleTimeout      a session that sends nothing (and runs nothing) for this long is closed with
 *                         57P05; zero: never
 * @param idleInTransactionTimeout a session that holds a transaction open (a transaction block, or an open
 *                         cursor) and sends nothing for this long has it rolled back and is closed with 25P03;
 *                         zero: never (docs/decisions.md has the default's reasons)
 * @param defaultFetchSize rows per batch when the client asks for "the server's default" (fetch size 0)
 * @param maxBatchBytes    a row batch is sent once it holds about this many bytes, even if short of the fetch size
 * @param statementThreads threads that run statements, shared by every connection of the node
 * @param authIterations   PBKDF2 iterations for new passwords
 * @param tlsCertificate   PEM certificate chain; with {@code tlsKey}, connections use TLS
 * @param tlsKey           PEM PKCS#8 private key
 * @param clientAuth       whether the TLS handshake asks for a client certificate ({@code sql.tls.client-auth})
 * @param clientCaFile     PEM CA certificates a client certificate must be signed by ({@code sql.tls.client-ca-file},
 *                         by default the cluster CA, {@code node.tls.ca-file}); needed unless {@code clientAuth} is
 *                         {@link ClientAuth#NONE}
 * @param statementMemory  the most bytes one statement's sorts, joins, aggregates and INSERT/UPDATE input may
 *                         hold before it fails with 53200 ({@code sql.statement-memory}; docs/sql.md, "Limits")
 * @param authFailureDelay    the wait before checking a login after one failure for its user or address; it doubles
 *                         with each further failure ({@code sql.auth.failure-delay}; 0: no throttling)
 * @param authFailureDelayMax the longest such wait ({@code sql.auth.failure-delay-max})
 */
public record EndpointSettings(int maxFrameBytes, int maxCursors, int maxStatements, Duration idleTimeout,
                               Duration idleInTransactionTimeout, int defaultFetchSize, int maxBatchBytes,
                               int statementThreads, int authIterations,
                               Optional<Path> tlsCertificate, Optional<Path> tlsKey, long statementMemory,
                               Duration authFailureDelay, Duration authFailureDelayMax, ClientAuth clientAuth,
                               Optional<Path> clientCaFile) {
    public static final ConfigKey<Integer> MAX_CURSORS = ConfigKey.integer("sql.max-cursors", 64,
            "open cursors per session");
    public static final ConfigKey<Integer> MAX_STATEMENTS = ConfigKey.integer("sql.max-statements", 1024,
            "prepared statements per session");
    public static final ConfigKey<Duration> IDLE_TIMEOUT = ConfigKey.duration("sql.idle-timeout", Duration.ofHours(8),
            "close sessions idle for this long (0: never)");
    public static final ConfigKey<Duration> IDLE_IN_TRANSACTION_TIMEOUT = ConfigKey.duration(
            "sql.idle-in-transaction-timeout", Duration.ofMinutes(10),
            "roll back and close sessions idle this long inside a transaction, which holds garbage collection back "
                    + "(0: never)");
    public static final ConfigKey<Integer> FETCH_SIZE = ConfigKey.integer("sql.fetch-size", 1000,
            "default rows per batch");
    public static final ConfigKey<Integer> BATCH_BYTES = ConfigKey.integer("sql.batch-bytes", 1 << 20,
            "bytes per row batch (about)");
    public static final ConfigKey<Integer> STATEMENT_THREADS = ConfigKey.integer("sql.statement-threads", 64,
            "threads running statements, shared by all connections");
    public static final ConfigKey<Integer> AUTH_ITERATIONS = ConfigKey.integer("sql.auth.iterations",
            Scram.DEFAULT_ITERATIONS, "PBKDF2 iterations for new passwords");
    public static final ConfigKey<Duration> AUTH_FAILURE_DELAY = ConfigKey.duration("sql.auth.failure-delay",
            Duration.ofMillis(100), "wait before checking a login after a failure for its user or address; doubles "
                    + "per failure (0: no throttling)");
    public static final ConfigKey<Duration> AUTH_FAILURE_DELAY_MAX = ConfigKey.duration("sql.auth.failure-delay-max",
            Duration.ofSeconds(3), "the longest wait of a throttled login");
    public static final ConfigKey<String> TLS_CERTIFICATE = ConfigKey.string("sql.tls.certificate", null,
            "PEM certificate chain file; with sql.tls.key, the endpoint speaks TLS");
    public static final ConfigKey<String> TLS_KEY = ConfigKey.string("sql.tls.key", null,
            "PEM PKCS#8 private key file");
    public static final ConfigKey<String> TLS_CLIENT_AUTH = ConfigKey.string("sql.tls.client-auth", "none",
            "none | optional | require: ask TLS clients for a certificate of sql.tls.client-ca-file");
    public static final ConfigKey<String> TLS_CLIENT_CA_FILE = ConfigKey.string("sql.tls.client-ca-file", null,
            "PEM CA certificates that sign client certificates (default: node.tls.ca-file, the cluster CA)");

    public EndpointSettings {
        if (maxCursors < 1 || maxStatements < 1 || defaultFetchSize < 1 || maxBatchBytes < 1024 || statementThreads < 1
                || authIterations < Scram.DEFAULT_ITERATIONS || statementMemory < 1024) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID,
                    "sql.* limits must be positive (batch bytes at least 1024, "
                            + "auth iterations at least " + Scram.DEFAULT_ITERATIONS
                            + ", sql.statement-memory at least 1024)");
        }
        if (idleTimeout.isNegative() || idleInTransactionTimeout.isNegative()) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "sql.idle-timeout and "
                    + "sql.idle-in-transaction-timeout may not be negative");
        }
        if (authFailureDelay.isNegative() || authFailureDelayMax.compareTo(authFailureDelay) < 0
                || authFailureDelayMax.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "sql.auth.failure-delay may not be negative, and "
                    + "sql.auth.failure-delay-max is at least it and at most 1 minute (a throttle, never a lock-out)");
        }
        if (tlsCertificate.isPresent() != tlsKey.isPresent()) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "sql.tls.certificate and sql.tls.key go together");
        }
        if (clientAuth != ClientAuth.NONE && (tlsCertificate.isEmpty() || clientCaFile.isEmpty())) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "sql.tls.client-auth = "
                    + clientAuth.name().toLowerCase(Locale.ROOT) + " needs sql.tls.certificate, sql.tls.key "
                    + "and a CA (sql.tls.client-ca-file or node.tls.ca-file)");
        }
    }

    public static EndpointSettings from(Properties p) {
        return new EndpointSettings(ProtocolConfig.MAX_FRAME_BYTES.get(p), MAX_CURSORS.get(p), MAX_STATEMENTS.get(p),
                IDLE_TIMEOUT.get(p), IDLE_IN_TRANSACTION_TIMEOUT.get(p), FETCH_SIZE.get(p), BATCH_BYTES.get(p),
                STATEMENT_THREADS.get(p),
                AUTH_ITERATIONS.get(p), TLS_CERTIFICATE.find(p).map(Path::of), TLS_KEY.find(p).map(Path::of),
                StatementMemory.LIMIT.get(p), AUTH_FAILURE_DELAY.get(p), AUTH_FAILURE_DELAY_MAX.get(p),
                ClientAuth.parse(TLS_CLIENT_AUTH.get(p)), clientCaFile(p));
    }

    private static Optional<Path> clientCaFile(Properties p) {
        Optional<String> explicit = TLS_CLIENT_CA_FILE.find(p).map(String::trim).filter(s -> !s.isEmpty());
        return explicit.or(() -> Optional.of(NodeTls.CA_FILE.get(p).trim())
                .filter(s -> !s.isEmpty())).map(Path::of);
    }

    public static EndpointSettings defaults() {
        return from(new Properties());
    }

    public boolean tls() {
        return tlsCertificate.isPresent();
    }
}
