/**
 * Benchmarks that need the SQL engine's package-private planner (same package name as the engine's, in
 * the bench module): {@link io.shardsql.sql.exec.PlanningCost}.
 */
package io.shardsql.sql.exec;
