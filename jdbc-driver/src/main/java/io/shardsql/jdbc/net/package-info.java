/**
 * The driver's network side: the URL ({@link io.shardsql.jdbc.net.ConnectionUrl}) and properties
 * ({@link io.shardsql.jdbc.net.DriverProperties}), one blocking socket per connection whose caller
 * threads do the I/O, with request-id correlation and pipelining ({@link io.shardsql.jdbc.net.WireClient},
 * {@link io.shardsql.jdbc.net.PendingRequest}), connecting with failover and the SCRAM handshake
 * ({@link io.shardsql.jdbc.net.Connector}), TLS ({@link io.shardsql.jdbc.net.ClientTls}), and cancel over a second
 * connection ({@link io.shardsql.jdbc.net.CancelRequest}). Knows the wire
 * protocol, not JDBC's objects.
 */
package io.shardsql.jdbc.net;
