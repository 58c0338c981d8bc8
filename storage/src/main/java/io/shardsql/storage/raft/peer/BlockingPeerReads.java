package io.shardsql.storage.raft.peer;

import io.shardsql.storage.raft.client.PeerReads;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shardsql.storage.net.NodeTls;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads for a thread that waits for the answer anyway, over blocking sockets to other nodes' read
 * ports (the frames of {@link PeerReadFrame}, as {@link PeerReadClient} sends them). The calling
 * thread writes the request and reads the reply itself: a read costs the round trip and the server's
 * work, without the hand-over to an I/O thread and back that a shared, asynchronous connection takes
 * (two thread wake-ups of the four around a loopback round trip).
 *
 * <p>Sockets are pooled per node: a read borrows one, and gives it back after the reply. Anything but
 * an answer is "not served" and the caller goes the usual way: no socket could be opened (then none is
 * tried to that node for a second), an I/O error or no reply within the timeout (the socket is closed,
 * and so are that node's idle ones, which most likely broke with it).
 */
public final class BlockingPeerReads implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final Map<RaftPeerId, InetSocketAddress> addresses;
    private final int timeoutMillis;
    private final AtomicLong callIds;
    private final NodeTls tls;
    private final Map<RaftPeerId, Deque<PeerSocket>> idle = new ConcurrentHashMap<>();
    private final Map<RaftPeerId, Long> failedAt = new ConcurrentHashMap<>();
    private final Set<PeerSocket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    BlockingPeerReads(Map<RaftPeerId, InetSocketAddress> addresses, Duration timeout, AtomicLong callIds,
                      NodeTls tls) {
        this.tls = tls;
        this.addresses = Map.copyOf(addresses);
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        this.callIds = callIds;
    }

    /** {@code peer}'s answer to {@code query} for {@code group}, read on this thread; never fails. */
    PeerReads.Answer read(RaftPeerId peer, RaftGroupId group, boolean leaderOnly, byte[] query) {
        PeerSocket socket = borrow(peer);
        if (socket == null) return PeerReads.Answer.NOT_SERVED;
        try {
            PeerReads.Answer answer = socket.call(callIds.incrementAndGet(), group, leaderOnly, query);
            giveBack(peer, socket);
            return answer;
        } catch (IOException | RuntimeException e) {
            discard(socket);
            discardIdle(peer); // they most likely share its fate (the node restarted, say)
            return PeerReads.Answer.NOT_SERVED;
        }
    }

    private void discardIdle(RaftPeerId peer) {
        Deque<PeerSocket> pool = idle.get(peer);
        if (pool == null) return; // closed
        for (PeerSocket s = pool.pollFirst(); s != null; s = pool.pollFirst()) discard(s);
    }

    private PeerSocket borrow(RaftPeerId peer) {
        InetSocketAddress address = addresses.get(peer);
        if (address == null || closed) return null;
        PeerSocket pooled = idle.computeIfAbsent(peer, p -> new ConcurrentLinkedDeque<>()).pollFirst();
        if (pooled != null) return pooled;
        Long failed = failedAt.get(peer);
        if (failed != null && System.nanoTime() - failed < PeerReadClient.RECONNECT_AFTER_NANOS) return null;
        try {
            PeerSocket fresh = new PeerSocket(address, timeoutMillis, tls);
            open.add(fresh);
            if (closed) { // close() may have run before the add
                discard(fresh);
                return null;
            }
            failedAt.remove(peer);
            return fresh;
        } catch (IOException e) {
            failedAt.put(peer, System.nanoTime());
            return null;
        }
    }

    private void giveBack(RaftPeerId peer, PeerSocket socket) {
        Deque<PeerSocket> pool = idle.get(peer);
        if (closed || pool == null) {
            discard(socket);
            return;
        }
        pool.offerFirst(socket); // the most recently used first (close() closes every socket it opened, pooled or not)
    }

    private void discard(PeerSocket socket) {
        open.remove(socket);
        socket.close();
    }

    @Override
    public void close() {
        closed = true;
        open.forEach(this::discard);
        idle.clear();
    }

    /** One blocking connection to a read port; used by one thread at a time. */
    private static final class PeerSocket {
        private final Socket socket;
        private final OutputStream out;
        private final DataInputStream in;

        PeerSocket(InetSocketAddress address, int timeoutMillis, NodeTls tls) throws IOException {
            Socket plain = new Socket();
            try {
                plain.setTcpNoDelay(true);
                // The peer table holds unresolved addresses (Netty resolves them when it connects); a
                // java.net.Socket refuses those with UnknownHostException, so resolve here.
                plain.connect(address.isUnresolved()
                        ? new InetSocketAddress(address.getHostString(), address.getPort()) : address,
                        CONNECT_TIMEOUT_MILLIS);
                plain.setSoTimeout(timeoutMillis);
            } catch (IOException | RuntimeException e) {
                plain.close();
                throw e;
            }
            socket = tls.secure(plain, address); // closes plain if the handshake fails
            try {
                out = socket.getOutputStream();
                in = new DataInputStream(socket.getInputStream());
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }

        /**
         * Sends one request and reads its reply. The frame on the wire is a 4-byte length, then the
         * request of {@link PeerReadFrame}; a reply is framed the same way.
         */
        PeerReads.Answer call(long callId, RaftGroupId group, boolean leaderOnly, byte[] query) throws IOException {
            int length = PeerReadFrame.HEADER_BYTES + query.length;
            byte[] frame = new byte[Integer.BYTES + length];
            ByteBuf request = Unpooled.wrappedBuffer(frame).writerIndex(0);
            request.writeInt(length);
            PeerReadFrame.writeRequest(request, callId, leaderOnly, group, query);
            out.write(frame);
            out.flush();
            int replyLength = in.readInt();
            if (replyLength < PeerReadFrame.REPLY_HEADER_BYTES || replyLength > PeerReadFrame.MAX_FRAME_BYTES) {
                throw new IOException("a reply frame of " + replyLength + " bytes");
            }
            byte[] reply = new byte[replyLength];
            in.readFully(reply);
            ByteBuf answer = Unpooled.wrappedBuffer(reply);
            if (answer.readLong() != callId) throw new IOException("a reply to another call");
            return PeerReadFrame.readAnswer(answer);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing: nothing left to do with it
            }
        }
    }
}
