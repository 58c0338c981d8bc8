/**
 * The ShardSQL JDBC driver's JDBC objects: {@link io.shardsql.jdbc.Driver} (registered through
 * {@code META-INF/services/java.sql.Driver}), the connection, statements and prepared statements, the result
 * set (forward-only, read-only, streamed by cursor) and the result and parameter metadata. The network lives in
 * {@code net}, value conversions in {@code value}, error mapping in {@code error}, database metadata in
 * {@code meta}. The shipped jar carries Netty relocated under {@code io.shardsql.jdbc.shaded.netty}.
 *
 * <p><b>Public API.</b> {@link io.shardsql.jdbc.Driver} is the only public class here; applications see the rest
 * through the {@code java.sql} interfaces ({@code unwrap} offers nothing beyond them). The documented extension
 * points are the standard ones: the connection properties that {@code Driver.getPropertyInfo} lists
 * (docs/jdbc.md) and the SQLSTATEs of the errors. The types of the sub-packages are public only because this
 * package uses them across a package boundary; they are not API and may change in any release.
 *
 * <p>Dependencies run one way: this package uses {@code meta}, {@code net}, {@code value} and {@code error};
 * none of them names a class of this package ({@code meta} reaches the connection through its
 * {@link io.shardsql.jdbc.meta.MetadataSource}, and {@code Batch} holds what the two statements' batches share).
 */
package io.shardsql.jdbc;
