/**
 * What the driver reports about the database and its types: {@link io.shardsql.jdbc.meta.ShardDatabaseMetaData}
 * (capabilities, and catalog queries answered from the {@code sys} tables by {@code MetadataQueries}),
 * {@link io.shardsql.jdbc.meta.TypeMapping} (SQL type names to {@link java.sql.Types}), and the
 * JDBC-specified column sets of metadata results.
 */
package io.shardsql.jdbc.meta;
