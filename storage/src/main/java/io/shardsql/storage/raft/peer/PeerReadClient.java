package io.shardsql.storage.raft.peer;

import io.shardsql.storage.raft.client.PeerReads;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.shardsql.storage.net.NettyTransport;
import io.shardsql.storage.net.NodeTls;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends reads to other nodes' {@link PeerReadServer}s: one connection per node, opened on first use
 * and shared by every group and caller, requests matched to replies by call id; replies complete on the
 * connection's I/O thread, so what callers chain on them must not block. While a connection is
 * being opened, or for a while after one failed to open, reads to that node are "not served" at once
 * and go through Ratis' client; a connection that closes answers its pending reads the same way, and
 * a read not answered within the timeout closes its connection (a node that hangs is not waited for
 * again until a new connection to it opens). The connection's own I/O thread looks for such reads
 * every 100 ms (a quarter of the timeout if that is shorter), rather than a timer per read, which woke
 * a scheduler thread on every read. A caller that waits for its read may instead do the I/O itself
 * ({@link #readWaiting}).
 */
public final class PeerReadClient implements PeerReads, AutoCloseable {
    /** How long after a failed connection attempt the next one waits. */
    static final long RECONNECT_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Map<RaftPeerId, InetSocketAddress> addresses;
    private final EventLoopGroup loops = NettyTransport.loops(1, "peer-read-client");
    private final Bootstrap bootstrap;
    private final Map<RaftPeerId, Connection> connections = new ConcurrentHashMap<>();
    private final AtomicLong callIds = new AtomicLong();
    private final BlockingPeerReads blocking;
    private final long timeoutNanos;
    private final long sweepMillis;
    private final NodeTls tls;
    private volatile boolean closed;

    /**
     * A client of the read ports in {@code addresses} (node id → host and read port); reads wait {@code timeout} at
     * most.
     */
    public PeerReadClient(Map<RaftPeerId, InetSocketAddress> addresses, Duration timeout) {
        this(addresses, timeout, NodeTls.OFF);
    }

    /** {@link #PeerReadClient(Map, Duration)} presenting {@code tls}'s certificate to the read ports. */
    public PeerReadClient(Map<RaftPeerId, InetSocketAddress> addresses, Duration timeout, NodeTls tls) {
        this.tls = tls;
        this.addresses = Map.copyOf(addresses);
        this.timeoutNanos = timeout.toNanos();
        this.sweepMillis = Math.max(1, Math.min(100, timeout.toMillis() / 4));
        this.blocking = new BlockingPeerReads(addresses, timeout, callIds, tls);
        this.bootstrap = new Bootstrap().group(loops).channel(NettyTransport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000);
    }

    @Override
    public boolean reaches(RaftPeerId peer) {
        return addresses.containsKey(peer);
    }

    @Override
    public CompletableFuture<Answer> read(RaftPeerId peer, RaftGroupId group, boolean leaderOnly, byte[] query) {
        Connection c = connection(peer);
        return c == null ? CompletableFuture.completedFuture(Answer.NOT_SERVED) : c.send(group, leaderOnly, query);
    }

    /** On the calling thread, over a pooled blocking socket ({@link BlockingPeerReads}). */
    @Override
    public Answer readWaiting(RaftPeerId peer, RaftGroupId group, boolean leaderOnly, byte[] query) {
        return blocking.read(peer, group, leaderOnly, query);
    }

    /** The open connection to {@code peer}; null while one is being opened or may not be tried yet. */
    private Connection connection(RaftPeerId peer) {
        Connection c = connections.get(peer);
        if (c != null && c.open()) return c;
        if (closed || !addresses.containsKey(peer)) return null;
        if (c == null || c.mayReplace()) {
            Connection fresh = new Connection();
            if (c == null ? connections.putIfAbsent(peer, fresh) == null : connections.replace(peer, c, fresh)) {
                fresh.connect(addresses.get(peer));
            }
        }
        return null;
    }

    /** A read waiting for its reply, and when it stops waiting. */
    private record Call(CompletableFuture<Answer> reply, long deadlineNanos) {}

    /** One connection to one node and the reads waiting for their replies on it. */
    private final class Connection {
        private final Map<Long, Call> pending = new ConcurrentHashMap<>();
        private volatile Channel channel;
        private volatile boolean broken;
        private volatile long brokenAt;

        void connect(InetSocketAddress address) {
            ChannelFuture f = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    tls.secureClient(ch.pipeline(), address);
                    ch.pipeline()
                            .addLast(new LengthFieldBasedFrameDecoder(PeerReadFrame.MAX_FRAME_BYTES, 0, 4, 0, 4))
                            .addLast(new LengthFieldPrepender(4))
                            .addLast(new ReplyHandler(Connection.this));
                }
            }).connect(address);
            f.addListener(done -> {
                if (done.isSuccess()) {
                    Channel ch = f.channel();
                    channel = ch;
                    var sweep = ch.eventLoop().scheduleWithFixedDelay(this::failIfOverdue, sweepMillis, sweepMillis,
                            TimeUnit.MILLISECONDS);
                    ch.closeFuture().addListener(x -> {
                        sweep.cancel(false);
                        fail();
                    });
                } else {
                    fail();
                }
            });
        }

        boolean open() {
            Channel ch = channel;
            return !broken && ch != null && ch.isActive();
        }

        /** A broken connection may be replaced once it has been broken for a while. */
        boolean mayReplace() {
            return broken && System.nanoTime() - brokenAt > RECONNECT_AFTER_NANOS;
        }

        CompletableFuture<Answer> send(RaftGroupId group, boolean leaderOnly, byte[] query) {
            long id = callIds.incrementAndGet();
            CompletableFuture<Answer> reply = new CompletableFuture<>();
            pending.put(id, new Call(reply, System.nanoTime() + timeoutNanos));
            if (broken) { // fail() may have emptied the map before the put
                answer(id, Answer.NOT_SERVED);
                return reply;
            }
            Channel ch = channel;
            ByteBuf out = ch.alloc().buffer(PeerReadFrame.HEADER_BYTES + query.length);
            PeerReadFrame.writeRequest(out, id, leaderOnly, group, query);
            ch.writeAndFlush(out).addListener(w -> {
                if (!w.isSuccess()) answer(id, Answer.NOT_SERVED);
            });
            return reply;
        }

        void answer(long id, Answer reply) {
            Call c = pending.remove(id);
            if (c != null) c.reply().complete(reply);
        }

        /** Closes the connection if a read on it has waited past its deadline (its reads are then "not served"). */
        private void failIfOverdue() {
            long now = System.nanoTime();
            for (Call c : pending.values()) {
                if (now - c.deadlineNanos() > 0) {
                    fail();
                    return;
                }
            }
        }

        void fail() {
            brokenAt = System.nanoTime();
            broken = true;
            for (Long id : pending.keySet()) answer(id, Answer.NOT_SERVED);
            Channel ch = channel;
            if (ch != null) ch.close();
        }
    }

    private static final class ReplyHandler extends SimpleChannelInboundHandler<ByteBuf> {
        private final Connection connection;

        ReplyHandler(Connection connection) {
            this.connection = connection;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            long id = frame.readLong();
            connection.answer(id, PeerReadFrame.readAnswer(frame));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            connection.fail();
        }
    }

    @Override
    public void close() {
        closed = true;
        blocking.close();
        connections.values().forEach(Connection::fail);
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
