/**
 * Running SQL: {@link io.shardsql.sql.exec.SqlEngine} (one per node: caches of compiled plans and
 * schemas) and {@link io.shardsql.sql.exec.Session} (one per client: autocommit and transaction blocks,
 * dispatch of queries, DML, DDL, EXPLAIN and transaction control), the planner that compiles a statement
 * with Calcite and our rules, and the results ({@link io.shardsql.sql.exec.StatementResult},
 * {@link io.shardsql.sql.exec.RowCursor}).
 */
package io.shardsql.sql.exec;
