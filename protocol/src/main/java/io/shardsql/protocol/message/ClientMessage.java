package io.shardsql.protocol.message;

/** What a driver sends. Every request carries a request id; the server echoes it in its answers. */
public sealed interface ClientMessage extends Message
        permits Hello, Authenticate, Prepare, Execute, ExecuteBatch, Fetch, CloseStatement, CloseCursor,
        Commit, Rollback, SetAutoCommit, SetReadOnly, SetIsolation, Cancel, Ping, Goodbye {
}
