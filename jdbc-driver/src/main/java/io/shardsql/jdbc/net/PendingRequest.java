package io.shardsql.jdbc.net;

import io.shardsql.protocol.message.BatchResult;
import io.shardsql.protocol.message.ClientMessage;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.ExecuteBatch;
import io.shardsql.protocol.message.ResultHeader;
import io.shardsql.protocol.message.ServerMessage;

import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One request on the wire and the answer frames that have arrived for it. Whichever thread reads the
 * connection {@link #deliver}s frames (or {@link #fail}s the request when the connection breaks); the
 * caller's thread takes them with {@link #next}, reading the connection itself when none is there. A
 * request is complete after its final frame: for an {@code Execute} anything but {@code ResultHeader};
 * for an {@code ExecuteBatch} an error or a {@code BatchResult} with a count for every set; for
 * everything else its one answer.
 */
public final class PendingRequest {
    private final int requestId;
    private final ClientMessage request;
    private final WireClient client;
    private final ConcurrentLinkedQueue<Object> answers = new ConcurrentLinkedQueue<>();

    PendingRequest(int requestId, ClientMessage request, WireClient client) {
        this.requestId = requestId;
        this.request = request;
        this.client = client;
    }

    public int requestId() {
        return requestId;
    }

    boolean isFinal(ServerMessage m) {
        if (m instanceof ErrorReply) return true;
        if (m instanceof ResultHeader) return false;
        if (request instanceof ExecuteBatch b && m instanceof BatchResult r) {
            return r.counts().size() >= b.parameterSets().size();
        }
        return true;
    }

    void deliver(ServerMessage m) {
        answers.add(m);
    }

    void fail(SQLException e) {
        answers.add(e);
    }

    /**
     * The next answer frame, waiting at most the connection's network timeout (0: forever). A timeout
     * or a broken connection is an SQLException with SQLState 08006, and the connection is unusable.
     */
    public ServerMessage next() throws SQLException {
        return next(client.networkTimeoutMillis());
    }

    /** {@link #next()} with its own timeout in milliseconds (0: forever); running out breaks the connection. */
    public ServerMessage next(int timeout) throws SQLException {
        Object o = client.awaitAnswer(this, timeout);
        if (o instanceof SQLException e) throw client.copyOfBroken(e);
        return (ServerMessage) o;
    }

    /** An answer that has arrived, or null. */
    Object poll() {
        return answers.poll();
    }
}
