package io.shardsql.storage.raft.peer;

import io.shardsql.storage.raft.client.InProcessReads;
import io.shardsql.storage.raft.client.LocalReplicas;
import io.shardsql.storage.raft.command.ShardCodec;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.net.NettyTransport;
import io.shardsql.storage.net.NodeTls;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Serves reads that other nodes forward to the leaders in this node ({@link PeerReadClient}): each
 * request goes to this node's Ratis server as an in-process read ({@link InProcessReads}), so it
 * passes the same leader checks as one through Ratis' client, and its reply goes back as it is. A
 * request for a group not led here, or one Ratis does not answer with a reply, gets "not served"
 * ({@link PeerReadFrame}) and the caller asks through Ratis' client instead.
 *
 * <p>Like the Raft port, the read port is for the cluster's nodes only: with the node's {@link NodeTls} on,
 * a connection is served only once its client has shown a certificate of the cluster CA (mutual TLS, the
 * handshake first on every connection); without it ({@code --insecure}) the port answers anyone.
 */
public final class PeerReadServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerReadServer.class);
    static final int READ_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    private final LocalReplicas local;
    private final InProcessReads reads = new InProcessReads();
    private final EventLoopGroup loops = NettyTransport.loops(2, "peer-read-io");
    /**
     * Runs reads that may take long (scans, many keys): a read within the lease runs on the thread that
     * submits it, and a long one must not hold up a connection's I/O. A point read runs on the I/O thread,
     * which then writes its reply without handing it to another thread.
     */
    private final ExecutorService readers = Executors.newFixedThreadPool(READ_THREADS,
            new DefaultThreadFactory("peer-read", true));
    private final PartFileServer parts;
    private final BackupDeleter backups;
    private final NodeTls tls;
    private Channel channel;

    public PeerReadServer(LocalReplicas local) {
        this(local, PartRoots.NONE);
    }

    /** A server that also serves the backup parts under {@code parts} ({@link PartFileServer}). */
    public PeerReadServer(LocalReplicas local, PartRoots parts) {
        this(local, parts, BackupDeleter.NONE);
    }

    /** A server that also serves backup parts and deletes this node's backups with {@code backups} (kind 5). */
    public PeerReadServer(LocalReplicas local, PartRoots parts, BackupDeleter backups) {
        this(local, parts, backups, NodeTls.OFF);
    }

    /** {@link #PeerReadServer(LocalReplicas, PartRoots, BackupDeleter)} over {@code tls}. */
    public PeerReadServer(LocalReplicas local, PartRoots parts, BackupDeleter backups, NodeTls tls) {
        this.tls = tls;
        this.local = local;
        this.parts = new PartFileServer(parts);
        this.backups = backups;
    }

    /** Listens on {@code host:port} (0: any free port). */
    public synchronized PeerReadServer start(String host, int port) {
        ServerBootstrap b = new ServerBootstrap()
                .group(loops)
                .channel(NettyTransport.serverSocketChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        tls.secureServer(ch.pipeline());
                        ch.pipeline()
                                .addLast(new LengthFieldBasedFrameDecoder(PeerReadFrame.MAX_FRAME_BYTES, 0, 4, 0, 4))
                                .addLast(new LengthFieldPrepender(4))
                                .addLast(new RequestHandler());
                    }
                });
        try {
            channel = b.bind(host, port).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            close();
            throw new ShardSqlException(ErrorCode.PORT_IN_USE, "the read port cannot listen on " + host + ":" + port
                    + ": " + e.getMessage(), e);
        }
        return this;
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @ChannelHandler.Sharable
    private final class RequestHandler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            PeerReadFrame.Request request = PeerReadFrame.readRequest(frame);
            if (request.forPart()) {
                readers.execute(() -> ctx.writeAndFlush(parts.serve(ctx.alloc(), request), ctx.voidPromise()));
                return;
            }
            if (request.forBackupDrop()) {
                readers.execute(() -> ctx.writeAndFlush(dropBackup(ctx, request), ctx.voidPromise()));
                return;
            }
            if (ShardCodec.isPointQuery(request.query())) serve(ctx, request);
            else readers.execute(() -> serve(ctx, request));
        }

        private void serve(ChannelHandlerContext ctx, PeerReadFrame.Request request) {
            RaftServer server = local.leaderOf(request.group());
            if (server == null) {
                notServed(ctx, request);
                return;
            }
            Message m = Message.valueOf(UnsafeByteOperations.unsafeWrap(request.query()));
            reads.submit(server, request.group(), m, request.leaderOnly()).whenComplete((reply, error) -> {
                if (error != null || !reply.isSuccess()) {
                    notServed(ctx, request);
                    return;
                }
                ByteString content = reply.getMessage().getContent();
                ByteBuf out = ctx.alloc().buffer(PeerReadFrame.REPLY_HEADER_BYTES + content.size());
                PeerReadFrame.writeAnswer(out, request.callId(), content.toByteArray());
                ctx.writeAndFlush(out, ctx.voidPromise());
            });
        }

        /** Kind 5: deletes the backup the request names, if this node's {@link BackupDeleter} agrees. */
        private ByteBuf dropBackup(ChannelHandlerContext ctx, PeerReadFrame.Request request) {
            ByteBuf out = ctx.alloc().buffer();
            String name = new String(request.query(), StandardCharsets.UTF_8);
            try {
                String dir = backups.delete(name);
                LOG.info("deleted backup '{}' ({}) as {} asked", name, dir, ctx.channel().remoteAddress());
                PeerReadFrame.writeAnswer(out, request.callId(), dir.getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not delete backup '{}' as {} asked: {}", name, ctx.channel().remoteAddress(),
                        e.toString());
                out.clear();
                PeerReadFrame.writeRefused(out, request.callId(), String.valueOf(e.getMessage()));
            }
            return out;
        }

        private void notServed(ChannelHandlerContext ctx, PeerReadFrame.Request request) {
            ByteBuf out = ctx.alloc().buffer(PeerReadFrame.REPLY_HEADER_BYTES + 16);
            PeerReadFrame.writeNotServed(out, request.callId(), local.leaderIdOf(request.group()));
            ctx.writeAndFlush(out, ctx.voidPromise());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("closing a read connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    @Override
    public synchronized void close() {
        if (channel != null) channel.close().syncUninterruptibly();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        readers.shutdownNow();
    }
}
