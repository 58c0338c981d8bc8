/**
 * The ShardSQL wire protocol, shared by the server's SQL endpoint and the JDBC driver
 * ({@code docs/protocol.md} is the full description).
 * <pre>
 * | length (4, BE, excludes itself) | type (1) | request id (4, BE) | body (length - 5) |
 * </pre>
 * Packages: {@code message} (the messages as records, in sealed client and server families),
 * {@code value} (typed SQL values), {@code codec} (byte encodings and Netty handlers), {@code auth}
 * (SCRAM-SHA-256). This package holds what they share: {@link io.shardsql.protocol.ProtocolVersion}
 * (negotiation), {@link io.shardsql.protocol.ProtocolConfig} (limits) and
 * {@link io.shardsql.protocol.ProtocolException} (SQLState 08P01). Depends on {@code common} and Netty
 * only.
 */
package io.shardsql.protocol;
