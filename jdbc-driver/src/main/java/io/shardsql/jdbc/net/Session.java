package io.shardsql.jdbc.net;

/**
 * What the handshake established: the node, the negotiated protocol version, the server's version
 * string, the ids a {@code Cancel} needs, and the isolation level in force with the set the server runs.
 */
public record Session(HostAndPort host, int protocolVersion, String serverVersion, long sessionId, long cancelSecret,
                      int isolation, int supportedIsolations) {}
