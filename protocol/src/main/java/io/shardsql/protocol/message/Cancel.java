package io.shardsql.protocol.message;

/**
 * Cancel a request of another session. Sent as the first frame of a new connection (the session's own
 * connection is busy waiting for the answer, as JDBC's {@code Statement.cancel} assumes), without Hello.
 * The server cancels request {@code requestId} of session {@code sessionId} if the secret matches and
 * that request is still running, answers {@link Ok} whatever happened (so the frame reveals nothing),
 * and closes the connection. The cancelled request ends with {@link ErrorReply} 57014.
 * <pre>
 * | session id (i64) | cancel secret (i64) | request id (i32) |
 * </pre>
 */
public record Cancel(long sessionId, long secret, int requestId) implements ClientMessage {}
