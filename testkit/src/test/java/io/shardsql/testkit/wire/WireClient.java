package io.shardsql.testkit.wire;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.shardsql.protocol.ProtocolVersion;
import io.shardsql.protocol.auth.Scram;
import io.shardsql.protocol.codec.ProtocolPipeline;
import io.shardsql.protocol.message.AuthOk;
import io.shardsql.protocol.message.Authenticate;
import io.shardsql.protocol.message.BatchResult;
import io.shardsql.protocol.message.ClientMessage;
import io.shardsql.protocol.message.Envelope;
import io.shardsql.protocol.message.Execute;
import io.shardsql.protocol.message.ExecuteBatch;
import io.shardsql.protocol.message.Hello;
import io.shardsql.protocol.message.HelloReply;
import io.shardsql.protocol.message.ResultHeader;
import io.shardsql.protocol.message.ServerMessage;
import io.shardsql.protocol.message.StatementRef;
import io.shardsql.protocol.value.Bytes;
import io.shardsql.protocol.value.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * A bare protocol client for tests of the SQL endpoint itself (the JDBC driver is tested on its own):
 * sends messages, and reads answers one frame at a time, blocking. Not thread-safe.
 */
public final class WireClient implements AutoCloseable {
    private static final Object CLOSED = new Object();
    private static final EventLoopGroup LOOP = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    private final Channel channel;
    private final LinkedBlockingDeque<Object> received = new LinkedBlockingDeque<>();
    private List<ServerMessage> lastAnswers = List.of();
    private int nextRequest = 1;
    private AuthOk auth;

    private WireClient(String host, int port, SslContext tls) {
        this(host, port, tls, null);
    }

    /** {@code localHost}: the local address to connect from (another loopback address), or null. */
    private WireClient(String host, int port, SslContext tls, String localHost) {
        channel = new Bootstrap().group(LOOP).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (tls != null) ch.pipeline().addLast(tls.newHandler(ch.alloc(), host, port));
                ProtocolPipeline.addClientCodecs(ch.pipeline(), 16 << 20);
                ch.pipeline().addLast(new SimpleChannelInboundHandler<Envelope<?>>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, Envelope<?> msg) {
                        received.add(msg);
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        received.add(CLOSED);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        ctx.close();
                    }
                });
            }
        }).connect(new java.net.InetSocketAddress(host, port),
                localHost == null ? null : new java.net.InetSocketAddress(localHost, 0)).syncUninterruptibly().channel();
    }

    /** Connects from {@code localHost} (say 127.0.0.2: on Linux every 127.x.y.z address is loopback). */
    public static WireClient connectFrom(String localHost, String host, int port) {
        return new WireClient(host, port, null, localHost);
    }

    public static WireClient connect(String host, int port) {
        return new WireClient(host, port, null);
    }

    /** Connects with TLS, trusting only the certificate in {@code trustedCertificate} (PEM). */
    public static WireClient connectTls(String host, int port, java.io.File trustedCertificate) {
        try {
            return new WireClient(host, port, SslContextBuilder.forClient().trustManager(trustedCertificate).build());
        } catch (javax.net.ssl.SSLException e) {
            throw new AssertionError(e);
        }
    }

    /** Connects and logs in; fails the test unless AuthOk comes with a server signature that verifies. */
    public static WireClient login(String host, int port, String user, String password) {
        WireClient c = connect(host, port);
        ServerMessage answer = c.authenticate(user, password);
        if (!(answer instanceof AuthOk)) throw new AssertionError("login failed: " + answer);
        return c;
    }

    /** Runs the handshake; returns AuthOk, or the ErrorReply that ended it. */
    public ServerMessage authenticate(String user, String password) {
        Bytes clientNonce = Bytes.wrap(Scram.randomBytes(Scram.NONCE_BYTES));
        ServerMessage hello = call(new Hello(ProtocolVersion.SUPPORTED, "wire-test", user, Scram.METHOD, clientNonce)).get(0);
        if (!(hello instanceof HelloReply reply)) return hello;
        byte[] authMessage = Scram.authMessage(user, clientNonce, reply.challenge());
        byte[] proof = Scram.clientProof(password, reply.challenge().salt(), reply.challenge().iterations(), authMessage);
        ServerMessage answer = call(new Authenticate(Bytes.wrap(proof))).get(0);
        if (answer instanceof AuthOk ok) {
            if (!Scram.verifyServerSignature(password, reply.challenge().salt(), reply.challenge().iterations(), authMessage,
                    ok.serverSignature().toByteArray())) {
                throw new AssertionError("the server's signature does not verify");
            }
            auth = ok;
        }
        return answer;
    }

    public AuthOk auth() { return auth; }

    /** Sends {@code m}; returns its request id. */
    public int send(ClientMessage m) {
        int id = nextRequest++;
        channel.writeAndFlush(Envelope.of(id, m)).syncUninterruptibly();
        return id;
    }

    /** Sends a raw frame (or any bytes). */
    public void sendRaw(byte[] bytes) {
        channel.writeAndFlush(channel.alloc().buffer(bytes.length).writeBytes(bytes)).syncUninterruptibly();
    }

    /** The next frame received (within 60 s); null if the connection closed. */
    public Envelope<?> next() {
        try {
            Object o = received.poll(60, TimeUnit.SECONDS);
            if (o == null) throw new AssertionError("no answer within 60 s");
            if (o == CLOSED) {
                received.add(CLOSED);
                return null;
            }
            return (Envelope<?>) o;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends {@code m} and reads its answers up to the final one. */
    public List<ServerMessage> call(ClientMessage m) {
        int id = send(m);
        return answersOf(id, m instanceof ExecuteBatch b ? b.parameterSets().size() : -1);
    }

    /**
     * Reads the answers of request {@code id} up to its final frame (docs/protocol.md §3); a batch of
     * {@code batchSets} sets whose result has fewer counts is followed by its ErrorReply.
     */
    public List<ServerMessage> answersOf(int id, int batchSets) {
        List<ServerMessage> out = new ArrayList<>();
        while (true) {
            Envelope<?> e = next();
            if (e == null) return out;
            if (e.requestId() != id && e.requestId() != Envelope.CONNECTION) {
                throw new AssertionError("answer to request " + e.requestId() + " while reading request " + id + ": " + e.message());
            }
            ServerMessage m = (ServerMessage) e.message();
            out.add(m);
            boolean more = m instanceof ResultHeader || (m instanceof BatchResult r && r.counts().size() < batchSets);
            if (!more) return out;
        }
    }

    /**
     * If an answer arrives within {@code waitMillis}, reads the answers of request {@code id} (see
     * {@link #lastAnswers}) and returns true; else false, and nothing is consumed.
     */
    public boolean answersOfIfAny(int id, long waitMillis) {
        try {
            Object o = received.poll(waitMillis, TimeUnit.MILLISECONDS);
            if (o == null) return false;
            received.addFirst(o);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        lastAnswers = answersOf(id, -1);
        return true;
    }

    public List<ServerMessage> lastAnswers() { return lastAnswers; }

    /** Executes SQL text with parameters (fetch size 0, no limit, no timeout). */
    public List<ServerMessage> execute(String sql, Object... params) {
        return call(new Execute(StatementRef.sql(sql), values(params), 0, 0, 0));
    }

    public static List<Value> values(Object... params) {
        List<Value> out = new ArrayList<>();
        for (Object p : params) out.add(Value.of(p));
        return out;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Whether the server has closed the connection (waits up to 30 s for it). */
    public boolean awaitClosed() {
        return channel.closeFuture().awaitUninterruptibly(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
