/**
 * The SQL endpoint of a node: the Netty server that speaks the wire protocol of docs/protocol.md to
 * JDBC drivers. {@link io.shardsql.server.endpoint.SqlEndpoint} binds the port and owns the threads;
 * {@link io.shardsql.server.endpoint.ConnectionHandler} is one connection's state machine (handshake,
 * then requests, one at a time, in order, on a {@link io.shardsql.server.endpoint.SerialExecutor});
 * {@link io.shardsql.server.endpoint.Handshake} checks SCRAM proofs;
 * {@link io.shardsql.server.endpoint.ClientSession} runs an authenticated session's requests against
 * the SQL engine, with its prepared statements and {@link io.shardsql.server.endpoint.OpenCursor}s;
 * {@link io.shardsql.server.endpoint.CancelRegistry} lets another connection cancel a request;
 * {@link io.shardsql.server.endpoint.WireValues} converts between engine values and wire values.
 *
 * <p>Netty's event loops only decode and encode; statements run on a bounded pool of statement
 * threads, so a thousand idle connections hold no thread at all.
 */
package io.shardsql.server.endpoint;
