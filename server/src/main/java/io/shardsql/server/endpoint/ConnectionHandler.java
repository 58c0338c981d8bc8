package io.shardsql.server.endpoint;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.protocol.ProtocolException;
import io.shardsql.protocol.message.AuthOk;
import io.shardsql.protocol.message.Authenticate;
import io.shardsql.protocol.message.Cancel;
import io.shardsql.protocol.message.ClientMessage;
import io.shardsql.protocol.message.Envelope;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.Goodbye;
import io.shardsql.protocol.message.Hello;
import io.shardsql.protocol.message.Ok;
import io.shardsql.protocol.message.ServerMessage;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One client connection: its {@link ConnectionState}, the handshake, then its session. The event
 * loop only hands each decoded request to the connection's {@link SerialExecutor}, so requests run in
 * arrival order on statement threads and answers leave in the same order (docs/protocol.md §3).
 *
 * <p>A frame that does not fit the state (Execute before AuthOk, a second Hello) is a protocol
 * error: ErrorReply 08P01 with request id 0, and the connection closes. Only this connection.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

    private final SqlEndpoint endpoint;
    private final Executor serial;
    private ConnectionState state = ConnectionState.AWAIT_HELLO; // touched only by tasks of `serial`
    private Handshake handshake;
    private Authenticate throttledProof; // the proof waiting out the login throttle
    private volatile ClientSession session;
    private Channel channel;
    private final IdleInTransactionTimer idleInTransaction;

    ConnectionHandler(SqlEndpoint endpoint, Executor statementPool) {
        this.endpoint = endpoint;
        this.serial = new SerialExecutor(statementPool);
        this.idleInTransaction = new IdleInTransactionTimer(endpoint.timer(), serial, this::idleInTransactionExpired);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        @SuppressWarnings("unchecked")
        Envelope<ClientMessage> request = (Envelope<ClientMessage>) msg;
        serial.execute(() -> handle(request.requestId(), request.message()));
    }

    private void handle(int requestId, ClientMessage message) {
        try {
            switch (state) {
                case AWAIT_HELLO -> first(requestId, message);
                case AWAIT_PROOF -> proof(requestId, message);
                case THROTTLED -> {
                    if (message == throttledProof) verify(requestId, throttledProof);
                    else outOfState(message);
                }
                case READY -> request(requestId, message);
                case CLOSED -> { } // frames that were already on their way when the connection closed
            }
        } catch (RuntimeException | LinkageError e) {
            closeWith(Envelope.CONNECTION, Errors.internal(e, "connection " + channel.remoteAddress()));
        }
    }

    private void first(int requestId, ClientMessage message) {
        if (message instanceof Cancel c) {
            endpoint.cancels().cancel(c.sessionId(), c.secret(), c.requestId());
            closeWith(requestId, new Ok()); // the same answer whether or not anything was cancelled
        } else if (message instanceof Hello h) {
            handshake = endpoint.newHandshake();
            try {
                send(requestId, handshake.hello(h, PeerCertificate.commonName(channel)));
                state = ConnectionState.AWAIT_PROOF;
            } catch (ShardSqlException e) {
                if (e.code() == ErrorCode.INVALID_AUTHORIZATION) {
                    LOG.warn("refused login for user \"{}\" from {}: {}", printable(h.user()), address(),
                            e.getMessage());
                }
                closeWith(requestId, Errors.reply(e));
            }
        } else {
            outOfState(message);
        }
    }

    /**
     * The proof is checked after the login throttle's wait for this user and address, which is scheduled on
     * the endpoint's timer (no thread sleeps, least of all an event loop); the answer goes out then.
     */
    private void proof(int requestId, ClientMessage message) {
        if (!(message instanceof Authenticate a)) {
            outOfState(message);
            return;
        }
        long waitNanos = endpoint.loginThrottle().delay(handshake.user(), address()).toNanos();
        if (waitNanos == 0) {
            verify(requestId, a);
            return;
        }
        state = ConnectionState.THROTTLED;
        throttledProof = a;
        endpoint.timer().schedule(() -> serial.execute(() -> handle(requestId, a)), waitNanos, TimeUnit.NANOSECONDS);
    }

    private void verify(int requestId, Authenticate a) {
        if (!channel.isActive()) {
            state = ConnectionState.CLOSED; // the client went away while it waited
            return;
        }
        try {
            var signature = handshake.authenticate(a);
            endpoint.loginThrottle().succeeded(handshake.user());
            ClientSession s = endpoint.openSession(handshake.user());
            s.describeClient(channel.remoteAddress());
            session = s;
            state = ConnectionState.READY;
            send(requestId,
                    new AuthOk(s.id(), s.secret(), signature, ClientSession.ISOLATION,
                            ClientSession.SUPPORTED_ISOLATIONS));
        } catch (ShardSqlException e) {
            if (e.code() == ErrorCode.INVALID_PASSWORD) {
                int inARow = endpoint.loginThrottle().failed(handshake.user(), address());
                LOG.warn("failed login for user \"{}\" from {} ({} in a row for this user)",
                        printable(handshake.user()), address(), inARow);
            } else {
                LOG.warn("authentication of {} failed: {}", printable(handshake.user()), e.getMessage());
            }
            closeWith(requestId, Errors.reply(e));
        }
    }

    /** The client's IP address (no port: a new connection has a new port). */
    private String address() {
        return channel.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(channel.remoteAddress());
    }

    /** A user name as the client sent it, safe for one log line (no control characters, not too long). */
    private static String printable(String user) {
        String s = user.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }

    private void request(int requestId, ClientMessage message) {
        if (message instanceof Goodbye) {
            state = ConnectionState.CLOSED;
            channel.close();
            return;
        }
        if (message instanceof Hello || message instanceof Authenticate || message instanceof Cancel) {
            outOfState(message);
            return;
        }
        // One flush per request: a query's ResultHeader and first RowBatch leave in one write.
        idleInTransaction.disarm();
        session.handle(requestId, message, reply -> channel.write(Envelope.of(requestId, reply)));
        channel.flush();
        if (session.holdsTransaction()) idleInTransaction.arm(session.idleInTransactionTimeout());
    }

    /**
     * The session held a transaction open and sent nothing for {@code sql.idle-in-transaction-timeout}: its
     * transaction is rolled back now (it held garbage collection back) and the connection is closed with
     * 25P03, as PostgreSQL's {@code idle_in_transaction_session_timeout} does.
     */
    private void idleInTransactionExpired() {
        ClientSession s = session;
        if (state != ConnectionState.READY || s == null || s.busy() || !s.holdsTransaction()) return;
        LOG.info("session {} of {} was idle in a transaction for {}: rolled back, connection closed",
                Long.toHexString(s.id()), s.user(), s.idleInTransactionTimeout());
        endpoint.closeSession(s);
        closeWith(Envelope.CONNECTION, ErrorReply.of(ErrorCode.IDLE_IN_TRANSACTION_TIMEOUT,
                "terminating connection due to idle-in-transaction timeout"));
    }

    private void outOfState(ClientMessage message) {
        closeWith(Envelope.CONNECTION, ErrorReply.of(ErrorCode.PROTOCOL_VIOLATION,
                message.getClass().getSimpleName() + " is not expected " + switch (state) {
                    case AWAIT_HELLO -> "before Hello";
                    case AWAIT_PROOF -> "before Authenticate";
                    default -> "after authentication";
                }));
    }

    private void send(int requestId, ServerMessage message) {
        channel.writeAndFlush(Envelope.of(requestId, message));
    }

    /** Sends {@code last} and closes the connection after it. */
    void closeWith(int requestId, ServerMessage last) {
        state = ConnectionState.CLOSED;
        if (channel.isActive()) {
            channel.writeAndFlush(Envelope.of(requestId, last)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ClientSession s = session;
            if (s == null || !s.busy()) {
                serial.execute(() -> closeWith(Envelope.CONNECTION, ErrorReply.of(ErrorCode.IDLE_SESSION_TIMEOUT,
                        "terminating connection due to idle timeout")));
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        ClientSession s = session;
        if (s != null) {
            s.cancelRunning(); // nobody is waiting for its answer any more
            serial.execute(() -> {
                idleInTransaction.disarm();
                state = ConnectionState.CLOSED;
                endpoint.closeSession(s);
            });
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ShardSqlException.find(cause) instanceof ProtocolException) {
            ctx.fireExceptionCaught(cause); // ProtocolErrorHandler answers 08P01 and closes
            return;
        }
        LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** Ends this connection because the node is stopping. */
    void shutdown() {
        serial.execute(() -> closeWith(Envelope.CONNECTION, ErrorReply.of(ErrorCode.ADMIN_SHUTDOWN,
                "terminating connection due to administrator command")));
    }
}
