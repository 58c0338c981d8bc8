package io.shardsql.jdbc.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.shardsql.jdbc.error.SqlErrors;
import io.shardsql.protocol.ProtocolConfig;
import io.shardsql.protocol.codec.ProtocolPipeline;
import io.shardsql.protocol.message.ClientMessage;
import io.shardsql.protocol.message.Envelope;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.ServerMessage;

import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One Netty channel to one node, and the requests waiting on it. Requests are numbered 1, 2, 3, ...;
 * the server answers them in order, so the answer frames always belong to the oldest pending request
 * (checked: a frame with another id is a protocol error). Requests may be pipelined: {@link #send}
 * does not wait.
 * <pre>
 *   caller thread                      event loop (Router)
 *   send(m): id++, queue += pending    frame(id) → queue.head.deliver; final → queue.remove(head)
 *            write Envelope(id, m)     frame(0) = ErrorReply → break: every pending fails with 08006
 *   pending.next() blocks              channel inactive / decoder error → break
 * </pre>
 * Once broken (connection lost, protocol error, network timeout) every later call fails with 08006.
 */
public final class WireClient implements AutoCloseable {
    private final Channel channel;
    private final HostAndPort host;
    private final ConcurrentLinkedQueue<PendingRequest> pending = new ConcurrentLinkedQueue<>();
    private int lastRequestId;
    private volatile SQLException broken;
    private volatile boolean closing;
    private volatile int networkTimeoutMillis;

    private WireClient(Channel channel, HostAndPort host, int networkTimeoutMillis) {
        this.channel = channel;
        this.host = host;
        this.networkTimeoutMillis = networkTimeoutMillis;
    }

    /**
     * Opens a TCP (or TLS) connection to {@code host}; no message is sent yet. Failing to connect is an
     * SQLException with SQLState 08001.
     */
    public static WireClient open(HostAndPort host, DriverProperties props, SslContext ssl) throws SQLException {
        Router router = new Router();
        Bootstrap b = new Bootstrap().group(EventLoops.group()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) ch.pipeline().addLast("ssl", ssl.newHandler(ch.alloc(), host.host(), host.port()));
                        ProtocolPipeline.addClientCodecs(ch.pipeline(), ProtocolConfig.DEFAULT_MAX_FRAME_BYTES)
                                .addLast("router", router);
                    }
                });
        if (props.connectTimeoutMillis() > 0) b.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, props.connectTimeoutMillis());
        ChannelFuture f = b.connect(new InetSocketAddress(host.host(), host.port()));
        try {
            long wait = props.connectTimeoutMillis() > 0 ? props.connectTimeoutMillis() + 1000L : 120_000L;
            if (!f.await(wait, TimeUnit.MILLISECONDS)) {
                f.cancel(false);
                f.channel().close();
                throw SqlErrors.unableToConnect("connecting to " + host + " timed out", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.channel().close();
            throw SqlErrors.unableToConnect("interrupted while connecting to " + host, e);
        }
        if (!f.isSuccess()) {
            throw SqlErrors.unableToConnect("cannot connect to " + host + ": " + f.cause().getMessage(), f.cause());
        }
        WireClient client = new WireClient(f.channel(), host, props.networkTimeoutMillis());
        router.client = client;
        if (!f.channel().isActive()) client.onBroken("connection to " + host + " closed at once", null);
        return client;
    }

    public HostAndPort host() {
        return host;
    }

    public int networkTimeoutMillis() {
        return networkTimeoutMillis;
    }

    public void setNetworkTimeoutMillis(int millis) {
        this.networkTimeoutMillis = millis;
    }

    /** Whether the connection broke (the reason is what {@link #checkUsable} throws). */
    public boolean isBroken() {
        return broken != null;
    }

    /** Throws the 08006 of a broken connection. */
    public void checkUsable() throws SQLException {
        SQLException b = broken;
        if (b != null) throw copyOfBroken(b);
    }

    /** Sends {@code m} as the next request; its answers arrive through the returned request. */
    public synchronized PendingRequest send(ClientMessage m) throws SQLException {
        checkUsable();
        int id = ++lastRequestId == 0 ? ++lastRequestId : lastRequestId;
        PendingRequest p = new PendingRequest(id, m, this);
        pending.add(p);
        channel.writeAndFlush(Envelope.of(id, m)).addListener(f -> {
            if (!f.isSuccess()) onBroken("cannot send to " + host + ": " + f.cause().getMessage(), f.cause());
        });
        SQLException b = broken;
        if (b != null && pending.remove(p)) p.fail(b); // broke while being queued: nobody else will fail it
        return p;
    }

    /** Sends {@code m} and returns its one (final) answer. */
    public ServerMessage call(ClientMessage m) throws SQLException {
        return send(m).next();
    }

    /** Sends {@code m}, which has no answer (Goodbye), and closes the channel once it is written. */
    public synchronized void sendLastAndClose(ClientMessage m) {
        closing = true;
        if (broken == null && channel.isActive()) {
            int id = ++lastRequestId == 0 ? ++lastRequestId : lastRequestId;
            channel.writeAndFlush(Envelope.of(id, m)).addListener(f -> channel.close());
        } else {
            channel.close();
        }
        onBroken("the connection is closed", null);
    }

    /** Marks the connection broken and closes it (network timeout, interrupted wait); returns the 08006. */
    SQLException breakConnection(String why, Throwable cause) {
        onBroken(why, cause);
        channel.close();
        return copyOfBroken(broken);
    }

    /** Closes at once (abort, or failure paths). */
    @Override
    public void close() {
        closing = true;
        onBroken("the connection is closed", null);
        channel.close();
    }

    /** A fresh exception for each caller (stack trace of the caller), with the first reason as cause. */
    SQLException copyOfBroken(SQLException b) {
        return SqlErrors.connectionBroken(b.getMessage(), b.getCause() != null ? b.getCause() : b);
    }

    private void onBroken(String why, Throwable cause) {
        SQLException e;
        synchronized (this) {
            if (broken == null) broken = SqlErrors.connectionBroken(why, cause);
            e = broken;
        }
        for (PendingRequest p; (p = pending.poll()) != null; ) p.fail(e);
    }

    private void onFrame(Envelope<ServerMessage> e) {
        if (e.requestId() == Envelope.CONNECTION) {
            String why = e.message() instanceof ErrorReply r
                    ? "the server closed the connection: " + r.message() + " (SQLState " + r.sqlState() + ")"
                    : "unexpected connection-level frame " + e.message().getClass().getSimpleName();
            SQLException cause = e.message() instanceof ErrorReply r ? SqlErrors.fromReply(r, false) : null;
            onBroken(why, cause);
            channel.close();
            return;
        }
        PendingRequest head = pending.peek();
        if (head == null || head.requestId() != e.requestId()) {
            onBroken("protocol error: an answer to request " + e.requestId() + " while "
                    + (head == null ? "none" : "request " + head.requestId()) + " was waiting",
                    SqlErrors.of(SqlErrors.PROTOCOL_VIOLATION, 0, "answer out of order", null));
            channel.close();
            return;
        }
        if (head.isFinal(e.message())) pending.poll();
        head.deliver(e.message());
    }

    /** Routes frames from the event loop to {@link #onFrame}; reports a lost channel or a decoder error. */
    private static final class Router extends SimpleChannelInboundHandler<Envelope<ServerMessage>> {
        volatile WireClient client;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope<ServerMessage> e) {
            WireClient c = client;
            if (c != null) c.onFrame(e);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            WireClient c = client;
            if (c != null) c.onBroken(c.closing ? "the connection is closed" : "the server closed the connection to " + c.host, null);
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            WireClient c = client;
            if (c != null) c.onBroken("connection to " + c.host + " failed: " + cause.getMessage(), cause);
            ctx.close();
        }
    }
}
