/**
 * The ShardSQL JDBC driver's JDBC objects: {@link io.shardsql.jdbc.Driver} (registered through
 * {@code META-INF/services/java.sql.Driver}), {@link io.shardsql.jdbc.ShardConnection},
 * {@link io.shardsql.jdbc.ShardStatement} and {@link io.shardsql.jdbc.ShardPreparedStatement},
 * {@link io.shardsql.jdbc.ShardResultSet} (forward-only, read-only, streamed by cursor) and the
 * result and parameter metadata. The network lives in {@code net}, value conversions in {@code value},
 * error mapping in {@code error}, database metadata in {@code meta}. The shipped jar carries Netty
 * relocated under {@code io.shardsql.jdbc.shaded.netty}.
 */
package io.shardsql.jdbc;
