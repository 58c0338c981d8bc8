/**
 * Errors at the driver's edge: {@link io.shardsql.jdbc.error.SqlErrors} maps SQLStates (from the
 * server's {@code ErrorReply} or detected in the driver) to the {@link java.sql.SQLException} subclasses
 * JDBC defines, so that tools and pools can react by type (retry a transaction, replace a connection).
 */
package io.shardsql.jdbc.error;
