package io.shardsql.jdbc.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shardsql.jdbc.error.SqlErrors;
import io.shardsql.protocol.ProtocolConfig;
import io.shardsql.protocol.ProtocolException;
import io.shardsql.protocol.codec.FrameDecoder;
import io.shardsql.protocol.codec.MessageCodec;
import io.shardsql.protocol.message.ClientMessage;
import io.shardsql.protocol.message.Envelope;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.ServerMessage;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One blocking TCP (or TLS) socket to one node, and the requests waiting on it. The caller's thread
 * does the I/O itself: {@link #send} writes the request's frame, and the thread that waits for an
 * answer reads frames until its own has come. No I/O thread sits in between, so a statement's round
 * trip costs the server's work and the network, not two more thread hand-overs (docs/decisions.md,
 * "Client").
 *
 * <p>Requests are numbered 1, 2, 3, ...; the server answers them in order, so the answer frames
 * always belong to the oldest pending request (checked: a frame with another id is a protocol error).
 * Requests may be pipelined: {@link #send} does not wait, and one reader delivers frames to whichever
 * pending request they belong to.
 * <pre>
 *   send(m)   [monitor]      id++, pending += p, write frame(id, m)
 *   p.next()  [read lock]    until p has an answer: read frame(id) → pending.head.deliver;
 *                            final → pending.remove(head)
 *                            frame(0) = ErrorReply, end of stream, I/O error → break: every pending fails with 08006
 * </pre>
 * A connection-level frame the server sent while nothing was pending (idle timeout, node stopping) is
 * read before the next request goes out, so that request fails with the server's reason. Once broken
 * (connection lost, protocol error, network timeout) every later call fails with 08006.
 */
public final class WireClient implements AutoCloseable {
    /** How long a connection attempt may take when {@code connectTimeout} is not set. */
    static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 30_000;
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    /** A send buffer that grew beyond this (a large batch) is dropped after use rather than kept. */
    private static final int KEPT_SEND_BUFFER_BYTES = 1 << 20;

    private final Socket socket;
    private final HostAndPort host;
    private final DataInputStream in;
    private final OutputStream out;
    private final ConcurrentLinkedQueue<PendingRequest> pending = new ConcurrentLinkedQueue<>();
    private final ReentrantLock reading = new ReentrantLock();
    private ByteBuf sendBuffer = Unpooled.buffer(256); // guarded by this
    private int lastRequestId; // guarded by this
    private int readTimeoutMillis; // guarded by reading
    private volatile SQLException broken;
    private volatile boolean closing;
    private volatile int networkTimeoutMillis;

    private WireClient(Socket socket, HostAndPort host, int networkTimeoutMillis) throws IOException {
        this.socket = socket;
        this.host = host;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), READ_BUFFER_BYTES));
        this.out = socket.getOutputStream();
        this.networkTimeoutMillis = networkTimeoutMillis;
    }

    /**
     * Opens a TCP (or TLS) connection to {@code host}; no message is sent yet. Failing to connect (or a
     * failed TLS handshake) is an SQLException with SQLState 08001.
     */
    static WireClient open(HostAndPort host, DriverProperties props, ClientTls tls) throws SQLException {
        int timeout = props.connectTimeoutMillis() > 0 ? props.connectTimeoutMillis() : DEFAULT_CONNECT_TIMEOUT_MILLIS;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host.host(), host.port()), timeout);
            Socket s = tls == null ? socket : tls.handshake(socket, host, timeout);
            return new WireClient(s, host, props.networkTimeoutMillis());
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw SqlErrors.unableToConnect("connecting to " + host + " timed out", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw SqlErrors.unableToConnect("cannot connect to " + host + ": " + e.getMessage(), e);
        }
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
        if (pending.isEmpty()) readWhatTheServerLeft();
        checkUsable();
        int id = nextRequestId();
        PendingRequest p = new PendingRequest(id, m, this);
        ByteBuf frame = encode(Envelope.of(id, m));
        pending.add(p);
        try {
            write(frame);
        } catch (IOException e) {
            onBroken(closing ? "the connection is closed" : "cannot send to " + host + ": " + e.getMessage(), e);
            closeQuietly(socket);
        }
        return p;
    }

    /** Sends {@code m} and returns its one (final) answer. */
    public ServerMessage call(ClientMessage m) throws SQLException {
        return send(m).next();
    }

    /** Sends {@code m}, which has no answer (Goodbye), and closes the connection after it. */
    public synchronized void sendLastAndClose(ClientMessage m) {
        closing = true;
        if (broken == null) {
            try {
                write(encode(Envelope.of(nextRequestId(), m)));
            } catch (IOException | SQLException e) {
                // closing anyway: the server ends the session when the connection goes
            }
        }
        onBroken("the connection is closed", null);
        closeQuietly(socket);
    }

    /** Marks the connection broken and closes it (network timeout, interrupted wait); returns the 08006. */
    SQLException breakConnection(String why, Throwable cause) {
        onBroken(why, cause);
        closeQuietly(socket);
        return copyOfBroken(broken);
    }

    /** Closes at once (abort, or failure paths); a thread blocked reading gets 08006. */
    @Override
    public void close() {
        closing = true;
        onBroken("the connection is closed", null);
        closeQuietly(socket);
    }

    /** A fresh exception for each caller (stack trace of the caller), with the first reason as cause. */
    SQLException copyOfBroken(SQLException b) {
        return SqlErrors.connectionBroken(b.getMessage(), b.getCause() != null ? b.getCause() : b);
    }

    /**
     * The next answer for {@code p}: one already delivered, or read from the socket now, delivering the
     * frames of earlier requests on the way. Waits at most {@code timeoutMillis} (0: forever); running
     * out breaks the connection. Returns a ServerMessage, or the SQLException that broke the connection.
     */
    Object awaitAnswer(PendingRequest p, int timeoutMillis) throws SQLException {
        Object answer = p.poll();
        if (answer != null) return answer;
        long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
        try {
            if (timeoutMillis <= 0) {
                reading.lockInterruptibly();
            } else if (!reading.tryLock(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw breakConnection(noAnswerWithin(timeoutMillis), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw breakConnection("interrupted while waiting for the server", e);
        }
        try {
            while ((answer = p.poll()) == null) {
                SQLException b = broken;
                if (b != null) return b;
                int wait = 0;
                if (deadline != 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) throw breakConnection(noAnswerWithin(timeoutMillis), null);
                    wait = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
                }
                readOneFrame(wait, timeoutMillis);
            }
            return answer;
        } finally {
            reading.unlock();
        }
    }

    /** Reads one frame and delivers it; a timeout, the end of the stream or an I/O error breaks the connection. */
    private void readOneFrame(int waitMillis, int timeoutMillis) throws SQLException {
        Envelope<ServerMessage> frame;
        try {
            if (waitMillis != readTimeoutMillis) {
                socket.setSoTimeout(waitMillis);
                readTimeoutMillis = waitMillis;
            }
            frame = readFrame();
        } catch (SocketTimeoutException e) {
            throw breakConnection(noAnswerWithin(timeoutMillis), null);
        } catch (EOFException e) {
            onBroken(closing ? "the connection is closed" : "the server closed the connection to " + host, null);
            closeQuietly(socket);
            return;
        } catch (ProtocolException e) {
            onBroken("protocol error: " + e.getMessage(),
                    SqlErrors.of(SqlErrors.PROTOCOL_VIOLATION, 0, e.getMessage(), e));
            closeQuietly(socket);
            return;
        } catch (IOException e) {
            onBroken(closing ? "the connection is closed" : "connection to " + host + " failed: " + e.getMessage(), e);
            closeQuietly(socket);
            return;
        }
        onFrame(frame);
    }

    /**
     * Before a request goes out on an idle connection: reads any frame already waiting (the server says
     * why it closed the connection), so the request fails with that reason rather than a bare I/O error.
     * Costs one non-blocking look at the socket; skipped if another thread is reading.
     */
    private void readWhatTheServerLeft() {
        if (!reading.tryLock()) return;
        try {
            while (broken == null && in.available() > 0) readOneFrame(0, 0);
        } catch (IOException | SQLException e) {
            onBroken("connection to " + host + " failed: " + e.getMessage(), e);
            closeQuietly(socket);
        } finally {
            reading.unlock();
        }
    }

    /**
     * One frame: {@code | length (4) | type (1) | request id (4) | body |}, its length checked before its body is read.
     */
    private Envelope<ServerMessage> readFrame() throws IOException {
        int length = in.readInt();
        FrameDecoder.checkLength(length, ProtocolConfig.DEFAULT_MAX_FRAME_BYTES);
        byte[] frame = new byte[length];
        in.readFully(frame);
        return MessageCodec.decodeServerMessage(Unpooled.wrappedBuffer(frame));
    }

    /** 1, 2, 3, ... skipping 0, which stands for the connection (called holding the monitor). */
    private int nextRequestId() {
        return ++lastRequestId == 0 ? ++lastRequestId : lastRequestId;
    }

    /** Writes an encoded frame to the socket in one call. */
    private void write(ByteBuf frame) throws IOException {
        out.write(frame.array(), frame.arrayOffset() + frame.readerIndex(), frame.readableBytes());
    }

    /**
     * The whole frame of {@code e} in the send buffer; a frame beyond the maximum size is refused (54000) and nothing
     * is sent.
     */
    private ByteBuf encode(Envelope<ClientMessage> e) throws SQLException {
        if (sendBuffer.capacity() > KEPT_SEND_BUFFER_BYTES) sendBuffer = Unpooled.buffer(256);
        sendBuffer.clear();
        try {
            MessageCodec.encode(e, sendBuffer, ProtocolConfig.DEFAULT_MAX_FRAME_BYTES);
        } catch (ProtocolException tooLarge) {
            throw SqlErrors.of("54000", 0, tooLarge.getMessage(), tooLarge);
        }
        return sendBuffer;
    }

    private void onBroken(String why, Throwable cause) {
        SQLException e;
        synchronized (pending) {
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
            closeQuietly(socket);
            return;
        }
        PendingRequest head = pending.peek();
        if (head == null || head.requestId() != e.requestId()) {
            onBroken("protocol error: an answer to request " + e.requestId() + " while "
                    + (head == null ? "none" : "request " + head.requestId()) + " was waiting",
                    SqlErrors.of(SqlErrors.PROTOCOL_VIOLATION, 0, "answer out of order", null));
            closeQuietly(socket);
            return;
        }
        if (head.isFinal(e.message())) pending.poll();
        head.deliver(e.message());
    }

    private static String noAnswerWithin(int timeoutMillis) {
        return "no answer from the server within the network timeout of " + timeoutMillis + " ms";
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with it
        }
    }
}
