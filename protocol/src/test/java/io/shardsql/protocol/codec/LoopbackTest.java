package io.shardsql.protocol.codec;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.protocol.ProtocolConfig;
import io.shardsql.protocol.ProtocolVersion;
import io.shardsql.protocol.auth.Scram;
import io.shardsql.protocol.auth.ScramCredentials;
import io.shardsql.protocol.message.AuthChallenge;
import io.shardsql.protocol.message.AuthOk;
import io.shardsql.protocol.message.Authenticate;
import io.shardsql.protocol.message.ClientMessage;
import io.shardsql.protocol.message.Envelope;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.Hello;
import io.shardsql.protocol.message.HelloReply;
import io.shardsql.protocol.message.Ping;
import io.shardsql.protocol.message.Pong;
import io.shardsql.protocol.message.ServerMessage;
import io.shardsql.protocol.value.Bytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Netty server and client on 127.0.0.1: handshake with SCRAM, Ping/Pong, and a garbage-sending
 * connection that is closed with an error frame while the good one keeps working.
 */
@Timeout(60)
class LoopbackTest {
    private static final ScramCredentials ADMIN = Scram.newCredentials("s3cret ✓", Scram.DEFAULT_ITERATIONS);
    private static EventLoopGroup group;
    private static Channel server;

    @BeforeAll
    static void startServer() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ProtocolPipeline.addServerCodecs(ch.pipeline(), ProtocolConfig.DEFAULT_MAX_FRAME_BYTES)
                                .addLast(new TinyServer())
                                .addLast(new ProtocolErrorHandler());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close().syncUninterruptibly();
        if (group != null) group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void handshakeAuthenticatesAndPingsAnswer() throws Exception {
        try (Client c = new Client()) {
            Bytes clientNonce = Bytes.wrap(Scram.randomBytes(Scram.NONCE_BYTES));
            Hello hello = new Hello(List.of(1, 7), "loopback-test", "admin", Scram.METHOD, clientNonce);
            HelloReply reply = (HelloReply) c.call(1, hello);
            assertThat(reply.version()).isEqualTo(1);
            AuthChallenge ch = reply.challenge();

            byte[] authMessage = Scram.authMessage("admin", clientNonce, ch);
            byte[] proof = Scram.clientProof("s3cret ✓", ch.salt(), ch.iterations(), authMessage);
            AuthOk ok = (AuthOk) c.call(2, new Authenticate(Bytes.wrap(proof)));
            assertThat(Scram.verifyServerSignature("s3cret ✓", ch.salt(), ch.iterations(), authMessage,
                    ok.serverSignature().toByteArray())).isTrue();

            for (int i = 3; i < 10; i++) assertThat(c.call(i, new Ping())).isEqualTo(new Pong());
        }
    }

    @Test
    void wrongPasswordGets28P01() throws Exception {
        try (Client c = new Client()) {
            Bytes clientNonce = Bytes.wrap(Scram.randomBytes(Scram.NONCE_BYTES));
            HelloReply reply = (HelloReply) c.call(1, new Hello(List.of(1), "t", "admin", Scram.METHOD, clientNonce));
            AuthChallenge ch = reply.challenge();
            byte[] proof = Scram.clientProof("guess", ch.salt(), ch.iterations(),
                    Scram.authMessage("admin", clientNonce, ch));
            ErrorReply error = (ErrorReply) c.call(2, new Authenticate(Bytes.wrap(proof)));
            assertThat(error.sqlState()).isEqualTo("28P01");
        }
    }

    @Test
    void noCommonVersionIsRefused() throws Exception {
        try (Client c = new Client()) {
            ErrorReply error = (ErrorReply) c.call(1, new Hello(List.of(9), "t", "admin", Scram.METHOD, Bytes.EMPTY));
            assertThat(error.sqlState()).isEqualTo("08004");
        }
    }

    @Test
    void garbageClosesOnlyItsOwnConnection() throws Exception {
        try (Client good = new Client(); Client bad = new Client()) {
            assertThat(good.call(1, new Ping())).isEqualTo(new Pong());
            bad.channel.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 6, 0x0F, 0, 0, 0, 1, 42})).sync();
            Envelope<ServerMessage> error = bad.next();
            assertThat(error.requestId()).isEqualTo(Envelope.CONNECTION);
            assertThat(((ErrorReply) error.message()).sqlState()).isEqualTo("08P01");
            assertThat(bad.channel.closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(good.call(2, new Ping())).isEqualTo(new Pong());
        }
    }

    /** Just enough of a server for the test: one user, no sessions. */
    private static final class TinyServer extends SimpleChannelInboundHandler<Envelope<ClientMessage>> {
        private Hello hello;
        private AuthChallenge challenge;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope<ClientMessage> in) {
            ServerMessage answer;
            try {
                answer = answer(in.message());
            } catch (ShardSqlException e) {
                answer = ErrorReply.of(e);
            }
            ctx.writeAndFlush(Envelope.of(in.requestId(), answer));
        }

        private ServerMessage answer(ClientMessage m) {
            ServerMessage answer;
            if (m instanceof Hello h) {
                int version = ProtocolVersion.negotiate(h.versions());
                hello = h;
                challenge = new AuthChallenge(Scram.METHOD, ADMIN.salt(), ADMIN.iterations(),
                        Bytes.wrap(Scram.randomBytes(Scram.NONCE_BYTES)));
                answer = new HelloReply(version, "ShardSQL test", challenge);
            } else if (m instanceof Authenticate a) {
                byte[] authMessage = Scram.authMessage(hello.user(), hello.clientNonce(), challenge);
                answer = Scram.verifyProof(ADMIN, authMessage, a.proof().toByteArray())
                        ? new AuthOk(1, 2, Bytes.wrap(Scram.serverSignature(ADMIN, authMessage)),
                                Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_REPEATABLE_READ)
                        : ErrorReply.of(ErrorCode.INVALID_PASSWORD, "password authentication failed for user \""
                                + hello.user() + "\"");
            } else if (m instanceof Ping) {
                answer = new Pong();
            } else {
                answer = ErrorReply.of(ErrorCode.FEATURE_NOT_SUPPORTED, "not in this test");
            }
            return answer;
        }

    }

    /** A blocking client over a real socket. */
    private static final class Client implements AutoCloseable {
        final BlockingQueue<Envelope<ServerMessage>> received = new LinkedBlockingQueue<>();
        final Channel channel;

        Client() throws InterruptedException {
            channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ProtocolPipeline.addClientCodecs(ch.pipeline(), ProtocolConfig.DEFAULT_MAX_FRAME_BYTES)
                                    .addLast(new SimpleChannelInboundHandler<Envelope<ServerMessage>>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx,
                                                Envelope<ServerMessage> e) {
                                            received.add(e);
                                        }
                                    });
                        }
                    })
                    .connect(new InetSocketAddress("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort()))
                    .sync().channel();
        }

        ServerMessage call(int requestId, ClientMessage m) throws InterruptedException {
            channel.writeAndFlush(Envelope.of(requestId, m)).sync();
            Envelope<ServerMessage> answer = next();
            assertThat(answer.requestId()).isEqualTo(requestId);
            return answer.message();
        }

        Envelope<ServerMessage> next() throws InterruptedException {
            Envelope<ServerMessage> e = received.poll(10, TimeUnit.SECONDS);
            assertThat(e).as("an answer within 10 s").isNotNull();
            return e;
        }

        @Override
        public void close() {
            channel.close().syncUninterruptibly();
        }
    }
}
