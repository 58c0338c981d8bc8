/**
 * DDL execution: CREATE/DROP TABLE, ALTER TABLE ADD/DROP/RENAME COLUMN and RENAME, ADD/DROP CONSTRAINT
 * (CHECK, UNIQUE), TRUNCATE, CREATE/DROP INDEX, sequences and views over the catalog in {@code control}. A
 * view's query is the planner's business: {@link io.shardsql.sql.ddl.ViewAnalyzer}, given by the SQL engine.
 * Entry point {@link io.shardsql.sql.ddl.DdlExecutor}; one class per statement.
 * Catalog changes are transactional writes (they may run in the caller's transaction); CREATE INDEX is
 * built online in transactions of its own (WRITE_ONLY → drain → backfill → PUBLIC), see docs/sql.md.
 */
package io.shardsql.sql.ddl;
