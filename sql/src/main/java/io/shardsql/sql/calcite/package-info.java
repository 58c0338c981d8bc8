/**
 * ShardSQL's Calcite adapter: the catalog's tables as Calcite tables ({@link io.shardsql.sql.calcite.ShardTable}),
 * our convention ({@link io.shardsql.sql.calcite.ShardRel}) whose {@link io.shardsql.sql.calcite.ShardTableScan}
 * reads the shards, one rule class per rule that narrows it (key bounds, projection, limit) or converts
 * out of it, {@link io.shardsql.sql.calcite.ShardTableModify} for INSERT/UPDATE/DELETE, and the runtime
 * ({@link io.shardsql.sql.calcite.ShardScans}, {@link io.shardsql.sql.calcite.ShardWrites}) that the
 * generated code calls, inside the statement's transaction ({@link io.shardsql.sql.calcite.ShardDataContext}).
 * Where Calcite's typing differs from PostgreSQL's in ways users see, small corrections sit beside the
 * planner: {@link io.shardsql.sql.calcite.ShardTypeSystem} (decimal widths, rounding),
 * {@link io.shardsql.sql.calcite.ShardTypeCoercion} and {@link io.shardsql.sql.calcite.InsertRows}
 * (too-long strings for CHAR(n) are refused, not cut), {@link io.shardsql.sql.calcite.ValuesLiterals}
 * (VALUES mixing exact and approximate literals).
 */
package io.shardsql.sql.calcite;
