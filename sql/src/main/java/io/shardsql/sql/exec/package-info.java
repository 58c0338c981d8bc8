/**
 * Running SQL: {@link io.shardsql.sql.exec.SqlEngine} (one per node: caches of compiled plans and
 * schemas) and {@link io.shardsql.sql.exec.Session} (one per client: autocommit and transaction blocks,
 * dispatch of queries, DML, DDL, EXPLAIN and transaction control), the planner that compiles a statement
 * with Calcite and our rules, and the results ({@link io.shardsql.sql.exec.StatementResult},
 * {@link io.shardsql.sql.exec.RowCursor}). Around the planner, PostgreSQL's dialect where Calcite's
 * differs: the functions looked up first ({@link io.shardsql.sql.exec.PostgresFunctions},
 * {@link io.shardsql.sql.exec.DateMinus}, {@link io.shardsql.sql.exec.TextConcat}; code of our own in
 * {@link io.shardsql.sql.exec.PostgresMath}), rewrites before validation
 * ({@link io.shardsql.sql.exec.DateUnitCalls}, {@link io.shardsql.sql.exec.CaseLiterals},
 * {@link io.shardsql.sql.exec.TimeOfDayLiterals}), our convertlets ({@link io.shardsql.sql.exec.Convertlets}:
 * DATE − DATE, {@code ||}, BOOLEAN, TIME and TIMESTAMP as text), and
 * {@code ON CONFLICT DO UPDATE} compiled on its own ({@link io.shardsql.sql.exec.ConflictClause}), and so are the
 * CHECK constraints that the writer evaluates ({@link io.shardsql.sql.exec.CalciteCheckConstraints},
 * {@link io.shardsql.sql.exec.CheckExpressionRules}).
 * Views: {@link io.shardsql.sql.exec.StoredView} (a view in the planning schema), expanded in place by
 * {@link io.shardsql.sql.exec.ViewExpander}, defined and checked again for the DDL by
 * {@link io.shardsql.sql.exec.ViewDefinitions}, never written to ({@link io.shardsql.sql.exec.ViewTargets}).
 * Privileges (docs/security.md): what a plan needs ({@link io.shardsql.sql.exec.PlanAccess}), the checks
 * ({@link io.shardsql.sql.exec.Authorizer}) and the statements about users, roles and grants
 * ({@link io.shardsql.sql.exec.AccessStatements}).
 */
package io.shardsql.sql.exec;
