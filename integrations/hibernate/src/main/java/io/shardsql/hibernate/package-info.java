/**
 * Hibernate ORM support for ShardSQL: {@link io.shardsql.hibernate.ShardSqlDialect}, the SQL Hibernate
 * generates, shaped to what ShardSQL accepts (PostgreSQL's dialect where ShardSQL follows PostgreSQL, less
 * what ShardSQL lacks: DML in CTEs, temporary tables, LATERAL, arrays, {@code COMMENT ON}, time-zone types);
 * {@link io.shardsql.hibernate.ShardSqlDialectResolver}, registered in {@code META-INF/services}, lets
 * Hibernate pick it from the driver's product name ({@code ShardSQL}); and
 * {@link io.shardsql.hibernate.ShardSqlLockingSupport} and {@link io.shardsql.hibernate.ShardSqlAstTranslator},
 * how {@code SELECT ... FOR UPDATE} may be used (one table per statement, follow-on locking for joins).
 * docs/integrations.md says how to use it and what works.
 */
package io.shardsql.hibernate;
