/**
 * What the driver reports about the database, its types and itself: {@link io.shardsql.jdbc.meta.ShardDatabaseMetaData}
 * (capabilities, and catalog queries answered from the {@code sys} tables by {@code MetadataQueries}),
 * {@link io.shardsql.jdbc.meta.TypeMapping} (SQL type names to {@link java.sql.Types}),
 * {@link io.shardsql.jdbc.meta.DriverVersion}, and the JDBC-specified column sets of metadata results.
 * The connection described is a {@link io.shardsql.jdbc.meta.MetadataSource}, which the JDBC objects implement:
 * nothing here depends on {@code io.shardsql.jdbc} itself (which depends on this package).
 * Public types here are for the driver's own use, not API (see {@code io.shardsql.jdbc}).
 */
package io.shardsql.jdbc.meta;
