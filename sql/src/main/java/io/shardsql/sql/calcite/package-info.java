/**
 * ShardSQL's Calcite adapter: the catalog's tables as Calcite tables ({@link io.shardsql.sql.calcite.ShardTable}),
 * our convention ({@link io.shardsql.sql.calcite.ShardRel}) whose {@link io.shardsql.sql.calcite.ShardTableScan}
 * reads the shards, one rule class per rule that narrows it (key bounds, projection, limit) or converts
 * out of it, {@link io.shardsql.sql.calcite.ShardTableModify} for INSERT/UPDATE/DELETE, and the runtime
 * ({@link io.shardsql.sql.calcite.ShardScans}, {@link io.shardsql.sql.calcite.ShardWrites}) that the
 * generated code calls, inside the statement's transaction ({@link io.shardsql.sql.calcite.ShardDataContext}).
 */
package io.shardsql.sql.calcite;
