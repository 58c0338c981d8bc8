/**
 * The driver's network side: the URL ({@link io.shardsql.jdbc.net.ConnectionUrl}) and properties
 * ({@link io.shardsql.jdbc.net.DriverProperties}), the Netty channel with request-id correlation and
 * pipelining ({@link io.shardsql.jdbc.net.WireClient}, {@link io.shardsql.jdbc.net.PendingRequest}),
 * connecting with failover and the SCRAM handshake ({@link io.shardsql.jdbc.net.Connector}), TLS, and
 * cancel over a second connection ({@link io.shardsql.jdbc.net.CancelRequest}). Knows the wire
 * protocol, not JDBC's objects.
 */
package io.shardsql.jdbc.net;
