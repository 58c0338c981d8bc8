package io.shardsql.jdbc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.shardsql.common.ErrorCode;
import io.shardsql.protocol.ProtocolConfig;
import io.shardsql.protocol.ProtocolVersion;
import io.shardsql.protocol.auth.Scram;
import io.shardsql.protocol.auth.ScramCredentials;
import io.shardsql.protocol.codec.ProtocolErrorHandler;
import io.shardsql.protocol.codec.ProtocolPipeline;
import io.shardsql.protocol.message.*;
import io.shardsql.protocol.value.Bytes;
import io.shardsql.protocol.value.Row;
import io.shardsql.protocol.value.Value;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny server built from the protocol module's real codecs and SCRAM, speaking a scripted dialect, so
 * that the driver's network behaviour can be tested without the database. Real sockets on 127.0.0.1.
 * <pre>
 * ROWS n       a query of n INTEGER rows (0..n-1), batched by the fetch size, capped by max rows
 * ECHO         a query with one row: the parameters, typed as they came
 * UPDATE       UpdateCount 3          CREATE ...   Done          BAD   ErrorReply 42601
 * SLEEP        no answer until cancelled (then 57014)              DIE   the server closes the connection
 * TIMEOUT      57014 if the request carried a timeout, else Done   SLOW   the same after 600 ms
 * BYE          Done, then in the same write a connection-level 57P01, and the server closes the connection
 * SELECT ... FROM sys.X   canned system-table rows from {@link #sysTables} (key X; information_schema.X
 *                         under its whole name)
 * </pre>
 * Everything the driver sent is recorded in {@link #log} as the message's record text.
 */
final class ScriptedServer implements AutoCloseable {
    static final String USER = "admin";
    static final String PASSWORD = "s3cret ✓";
    static final long SESSION_ID = 11;
    static final long CANCEL_SECRET = 22;
    private static final ScramCredentials CREDENTIALS = Scram.newCredentials(PASSWORD, Scram.DEFAULT_ITERATIONS);

    final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    final Map<String, List<Row>> sysTables = new ConcurrentHashMap<>();
    private final Map<Integer, ChannelHandlerContext> sleeping = new ConcurrentHashMap<>();
    private final Map<Long, String> preparedSql = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(100);
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    ScriptedServer() throws InterruptedException {
        this(null);
    }

    /** With {@code ssl}: TLS first in the pipeline, as the real endpoint does. */
    ScriptedServer(io.netty.handler.ssl.SslContext ssl) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        ProtocolPipeline.addServerCodecs(ch.pipeline(), ProtocolConfig.DEFAULT_MAX_FRAME_BYTES)
                                .addLast(new Session()).addLast(new ProtocolErrorHandler());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    String url() {
        return "jdbc:shardsql://127.0.0.1:" + port() + "/";
    }

    long count(String prefix) {
        return log.stream().filter(s -> s.startsWith(prefix)).count();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One connection's state. */
    private final class Session extends SimpleChannelInboundHandler<Envelope<ClientMessage>> {
        private Hello hello;
        private AuthChallenge challenge;
        private final Map<Long, Cursor> cursors = new ConcurrentHashMap<>();

        private record Cursor(List<Row> rows, int fetchSize, int[] position) {}

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Envelope<ClientMessage> in) {
            ClientMessage m = in.message();
            log.add(m.toString());
            int id = in.requestId();
            if (m instanceof Hello h) {
                hello = h;
                challenge = new AuthChallenge(Scram.METHOD, CREDENTIALS.salt(), CREDENTIALS.iterations(), Bytes.wrap(Scram.randomBytes(24)));
                send(ctx, id, new HelloReply(ProtocolVersion.negotiate(h.versions()), "ShardSQL 0.1.0", challenge));
            } else if (m instanceof Authenticate a) {
                byte[] authMessage = Scram.authMessage(hello.user(), hello.clientNonce(), challenge);
                if (hello.user().equals(USER) && Scram.verifyProof(CREDENTIALS, authMessage, a.proof().toByteArray())) {
                    send(ctx, id, new AuthOk(SESSION_ID, CANCEL_SECRET, Bytes.wrap(Scram.serverSignature(CREDENTIALS, authMessage)),
                            Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_READ_COMMITTED | Connection.TRANSACTION_REPEATABLE_READ));
                } else {
                    ctx.writeAndFlush(Envelope.of(id, ErrorReply.of(ErrorCode.INVALID_PASSWORD, "password authentication failed")))
                            .addListener(f -> ctx.close());
                }
            } else if (m instanceof Cancel c) {
                ChannelHandlerContext victim = c.sessionId() == SESSION_ID && c.secret() == CANCEL_SECRET ? sleeping.remove(c.requestId()) : null;
                if (victim != null) send(victim, c.requestId(), ErrorReply.of(ErrorCode.QUERY_CANCELED, "canceling statement due to user request"));
                ctx.writeAndFlush(Envelope.of(id, new Ok())).addListener(f -> ctx.close());
            } else if (m instanceof Ping) {
                send(ctx, id, new Pong());
            } else if (m instanceof Goodbye) {
                ctx.close();
            } else if (m instanceof Prepare p) {
                long sid = ids.incrementAndGet();
                preparedSql.put(sid, p.sql());
                int n = (int) p.sql().chars().filter(ch -> ch == '?').count();
                List<ParameterMetadata> params = new ArrayList<>();
                for (int i = 0; i < n; i++) params.add(new ParameterMetadata(Types.INTEGER, "INTEGER", 10, 0, 1));
                send(ctx, id, new Prepared(sid, params, List.of()));
            } else if (m instanceof Execute e) {
                execute(ctx, id, e);
            } else if (m instanceof ExecuteBatch b) {
                List<Long> counts = new ArrayList<>();
                for (List<Value> set : b.parameterSets()) {
                    if (!set.isEmpty() && Value.of(-1).equals(set.get(0))) {
                        send(ctx, id, new BatchResult(counts));
                        send(ctx, id, ErrorReply.of(ErrorCode.UNIQUE_VIOLATION, "duplicate key"));
                        return;
                    }
                    counts.add(1L);
                }
                send(ctx, id, new BatchResult(counts));
            } else if (m instanceof Fetch f) {
                send(ctx, id, nextBatch(f.cursorId(), f.maxRows()));
            } else if (m instanceof CloseCursor c) {
                cursors.remove(c.cursorId());
                send(ctx, id, new Ok());
            } else {
                send(ctx, id, new Ok()); // settings, commit, rollback, close statement
            }
        }

        private void execute(ChannelHandlerContext ctx, int id, Execute e) {
            String sql = e.statement() instanceof StatementRef.Sql s ? s.sql() : preparedSql.get(((StatementRef.ById) e.statement()).statementId());
            if (sql.startsWith("ROWS ")) {
                List<Row> rows = new ArrayList<>();
                long n = Long.parseLong(sql.substring(5).trim());
                if (e.maxRows() > 0) n = Math.min(n, e.maxRows());
                for (int i = 0; i < n; i++) rows.add(Row.of(Value.of(i)));
                query(ctx, id, List.of(new ColumnMetadata("n", Types.INTEGER, "INTEGER", 10, 0, 0)), rows, e.fetchSize());
            } else if (sql.startsWith("ECHO")) {
                List<ColumnMetadata> cols = new ArrayList<>();
                for (int i = 0; i < e.parameters().size(); i++) {
                    Value v = e.parameters().get(i);
                    cols.add(new ColumnMetadata("p" + (i + 1), v.type().jdbcType(), v.type().name(), 0, 0, 1));
                }
                query(ctx, id, cols, List.of(new Row(e.parameters())), e.fetchSize());
            } else if (sql.startsWith("SELECT") && (sql.contains("FROM sys.") || sql.contains("FROM information_schema."))) {
                String table = sql.contains("FROM sys.") ? sql.substring(sql.indexOf("FROM sys.") + 9).split(" ")[0]
                        : sql.substring(sql.indexOf("FROM ") + 5).split(" ")[0];
                List<Row> rows = sysTables.getOrDefault(table, List.of());
                List<ColumnMetadata> cols = new ArrayList<>();
                int width = rows.isEmpty() ? 1 : rows.get(0).size();
                for (int i = 0; i < width; i++) cols.add(new ColumnMetadata("c" + i, Types.VARCHAR, "VARCHAR", 0, 0, 1));
                query(ctx, id, cols, rows, e.fetchSize());
            } else if (sql.startsWith("UPDATE")) {
                send(ctx, id, new UpdateCount(3));
            } else if (sql.startsWith("CREATE")) {
                send(ctx, id, new Done());
            } else if (sql.startsWith("BAD")) {
                send(ctx, id, new ErrorReply("42601", 5000, "syntax error at BAD", 1, 1));
            } else if (sql.startsWith("SLEEP")) {
                sleeping.put(id, ctx);
            } else if (sql.startsWith("TIMEOUT")) {
                send(ctx, id, e.timeoutMillis() > 0 ? ErrorReply.of(ErrorCode.QUERY_CANCELED, "statement timeout") : new Done());
            } else if (sql.startsWith("SLOW")) {
                ctx.executor().schedule(() -> send(ctx, id, e.timeoutMillis() > 0
                        ? ErrorReply.of(ErrorCode.QUERY_CANCELED, "statement timeout") : new Done()), 600, TimeUnit.MILLISECONDS);
            } else if (sql.startsWith("DIE")) {
                ctx.close();
            } else if (sql.startsWith("BYE")) {
                ctx.write(Envelope.of(id, new Done()));
                ctx.writeAndFlush(Envelope.of(Envelope.CONNECTION, ErrorReply.of(ErrorCode.ADMIN_SHUTDOWN,
                        "terminating connection due to administrator command"))).addListener(f -> ctx.close());
            } else {
                send(ctx, id, ErrorReply.of(ErrorCode.FEATURE_NOT_SUPPORTED, "not in the script: " + sql));
            }
        }

        private void query(ChannelHandlerContext ctx, int id, List<ColumnMetadata> cols, List<Row> rows, int fetchSize) {
            long cursor = ids.incrementAndGet();
            cursors.put(cursor, new Cursor(rows, fetchSize == 0 ? 1000 : fetchSize, new int[1]));
            send(ctx, id, new ResultHeader(cursor, cols));
            send(ctx, id, nextBatch(cursor, 0));
        }

        private ServerMessage nextBatch(long cursorId, int max) {
            Cursor c = cursors.get(cursorId);
            if (c == null) return ErrorReply.of(ErrorCode.INVALID_SQL, "no cursor " + cursorId);
            int from = c.position()[0];
            int to = Math.min(c.rows().size(), from + (max == 0 ? c.fetchSize() : max));
            c.position()[0] = to;
            boolean last = to == c.rows().size();
            if (last) cursors.remove(cursorId);
            return new RowBatch(c.rows().subList(from, to), last);
        }

        private void send(ChannelHandlerContext ctx, int id, ServerMessage m) {
            ctx.writeAndFlush(Envelope.of(id, m));
        }
    }
}
