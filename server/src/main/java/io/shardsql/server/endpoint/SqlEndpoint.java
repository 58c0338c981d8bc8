package io.shardsql.server.endpoint;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.protocol.codec.ProtocolErrorHandler;
import io.shardsql.protocol.codec.ProtocolPipeline;
import io.shardsql.server.users.UserStore;
import io.shardsql.sql.exec.SqlEngine;
import io.shardsql.storage.net.NettyTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node's SQL endpoint: a Netty server on the node's SQL port speaking docs/protocol.md. Two kinds of
 * threads: one Netty event loop group (accepts, decodes, encodes; never blocks) and a bounded pool of
 * statement threads shared by all connections ({@link EndpointSettings#statementThreads}). Each
 * connection's pipeline: [TLS] → frame decoder → message decoder → message encoder → [idle timer] →
 * {@link ConnectionHandler} → {@link ProtocolErrorHandler}.
 */
public final class SqlEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqlEndpoint.class);
    /** What HelloReply names. */
    public static final String SERVER_VERSION = "ShardSQL " + version();

    private final SqlEngine engine;
    private final UserStore users;
    private final EndpointSettings settings;
    private final CancelRegistry cancels = new CancelRegistry();
    private final Set<ConnectionHandler> connections = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor statementPool;
    private final ScheduledExecutorService timer;
    private final LoginThrottle loginThrottle;
    private final EventLoopGroup loops;
    private final SslContext tls;
    private Channel server;

    public SqlEndpoint(SqlEngine engine, UserStore users, EndpointSettings settings) {
        this.engine = engine;
        this.users = users;
        this.settings = settings;
        this.tls = settings.tls() ? tlsContext(settings) : null;
        this.statementPool = new ThreadPoolExecutor(settings.statementThreads(), settings.statementThreads(), 60,
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads("sql-statement"));
        statementPool.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemonThreads("sql-timeout"));
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        this.loginThrottle = new LoginThrottle(settings.authFailureDelay(), settings.authFailureDelayMax());
        this.loops = NettyTransport.loops(2, "sql-io");
    }

    /** Listens on {@code host:port} (port 0: any free port). */
    public synchronized SqlEndpoint start(String host, int port) {
        ServerBootstrap b = new ServerBootstrap()
                .group(loops)
                .channel(NettyTransport.serverSocketChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        ProtocolPipeline.addServerCodecs(ch.pipeline(), settings.maxFrameBytes());
                        long idle = settings.idleTimeout().toMillis();
                        if (idle > 0) {
                            ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
                        }
                        ConnectionHandler handler = new ConnectionHandler(SqlEndpoint.this, statementPool);
                        connections.add(handler);
                        ch.closeFuture().addListener(f -> connections.remove(handler));
                        ch.pipeline().addLast("connection", handler)
                                .addLast("protocol-errors", new ProtocolErrorHandler());
                    }
                });
        try {
            server = b.bind(host, port).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            close();
            throw new ShardSqlException(ErrorCode.PORT_IN_USE, "the SQL endpoint cannot listen on " + host + ":" + port
                    + ": " + e.getMessage(), e);
        }
        String mode = tls == null ? "" : settings.clientAuth() == ClientAuth.NONE ? " (TLS)"
                : " (TLS, client certificates: " + settings.clientAuth().name().toLowerCase(Locale.ROOT) + ")";
        LOG.info("SQL endpoint listening on {}{}", server.localAddress(), mode);
        return this;
    }

    EndpointSettings settings() { return settings; }

    ScheduledExecutorService timer() { return timer; }

    LoginThrottle loginThrottle() { return loginThrottle; }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    CancelRegistry cancels() { return cancels; }

    Handshake newHandshake() {
        return new Handshake(users, settings.authIterations(), SERVER_VERSION);
    }

    ClientSession openSession(String user) {
        ClientSession s = new ClientSession(cancels.newSessionId(), cancels.newSecret(), user,
                engine.openSession(user), settings, timer);
        cancels.register(s);
        return s;
    }

    void closeSession(ClientSession s) {
        cancels.unregister(s);
        try {
            s.close();
        } catch (RuntimeException e) {
            LOG.warn("closing session {} failed: {}", Long.toHexString(s.id()), e.toString());
        }
    }

    /** Tells every connection the node is stopping (57P01), then stops listening and the threads. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
            server = null;
        }
        for (ConnectionHandler c : connections) c.shutdown();
        statementPool.shutdown();
        try {
            if (!statementPool.awaitTermination(5, TimeUnit.SECONDS)) statementPool.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            statementPool.shutdownNow();
        }
        timer.shutdownNow();
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static SslContext tlsContext(EndpointSettings s) {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(s.tlsCertificate().orElseThrow().toFile(),
                    s.tlsKey().orElseThrow().toFile());
            if (s.clientAuth() != ClientAuth.NONE) {
                b.trustManager(s.clientCaFile().orElseThrow().toFile()).clientAuth(
                        s.clientAuth() == ClientAuth.REQUIRE ? io.netty.handler.ssl.ClientAuth.REQUIRE
                                : io.netty.handler.ssl.ClientAuth.OPTIONAL);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "cannot use the TLS certificate "
                    + s.tlsCertificate().orElseThrow() + " and key " + s.tlsKey().orElseThrow()
                    + s.clientCaFile().filter(f -> s.clientAuth() != ClientAuth.NONE).map(f -> " with client CA " + f)
                    .orElse("") + ": " + e.getMessage(), e);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static String version() {
        String v = SqlEndpoint.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0";
    }
}
