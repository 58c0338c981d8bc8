package io.shardsql.server.endpoint;

/** Where a connection is in its life (docs/protocol.md §4): which frames it may receive next. */
enum ConnectionState {
    /** Fresh: a Hello (or a lone Cancel) may come. */
    AWAIT_HELLO,
    /** The challenge went out: only Authenticate may come. */
    AWAIT_PROOF,
    /** The proof came and waits out the login throttle (LoginThrottle): nothing may come. */
    THROTTLED,
    /** Authenticated: session requests. */
    READY,
    /** Closing or closed: nothing more is handled. */
    CLOSED
}
