/**
 * ShardSQL's SQL parser: Calcite's grammar extended with our statements, and the syntax tree nodes
 * they produce.
 *
 * <p>{@link io.shardsql.sql.parser.ShardSqlParser} is the entry point (parse, parse a script, unparse).
 * The parser itself ({@code ShardSqlParserImpl}) is generated at build time into this package from Calcite's
 * grammar template, patched in two places (FOR UPDATE, OVERRIDING), and {@code src/main/codegen}
 * (FMPP + JavaCC; docs/sql.md).
 *
 * <pre>
 *  statement                                         node (kind)
 *  ───────────────────────────────────────────────   ─────────────────────────────────────────────
 *  CREATE TABLE / DROP TABLE                         SqlCreateTable, SqlDropTable (+ SqlColumnDef,
 *                                                    SqlPrimaryKey)
 *  CREATE [UNIQUE] INDEX / DROP INDEX                SqlCreateIndex, SqlDropIndex
 *  ALTER TABLE ... ADD / DROP [COLUMN]               SqlAlterTableAddColumn, SqlAlterTableDropColumn
 *                                                    (both SqlAlterTableColumn)
 *  ALTER TABLE ... RENAME [COLUMN] ... TO            SqlAlterTableRename (column null: the table)
 *  ALTER TABLE ... ALTER [COLUMN] c TYPE / SET ...   SqlAlterColumn (action TYPE, SET/DROP DEFAULT, ...)
 *  ALTER TABLE IF EXISTS t ...                       SqlAlterTableIfExists (around any of the ALTER TABLEs)
 *  CREATE [OR REPLACE] VIEW / DROP VIEW              SqlCreateView, SqlDropView (CREATE_VIEW, DROP_VIEW)
 *  TRUNCATE [TABLE]                                  SqlTruncateTable (TRUNCATE_TABLE)
 *  ALTER TABLE ... ADD constraint / DROP CONSTRAINT  SqlAlterTableAddConstraint, SqlAlterTableDropConstraint
 *  CHECK (expr), UNIQUE (cols) in CREATE TABLE       SqlCheckConstraint, SqlUniqueConstraint (both
 *    and ALTER TABLE ADD                             SqlTableConstraint)
 *  CREATE / ALTER / DROP USER                        SqlCreateUser, SqlAlterUser, SqlDropUser
 *  CREATE / DROP ROLE                                SqlCreateRole, SqlDropRole
 *  GRANT, REVOKE (tables, database, roles)           SqlGrantOrRevoke (verb, target TABLE/DATABASE/ROLE)
 *  BEGIN, START TRANSACTION, SET TRANSACTION         SqlBeginOrSetTransaction (verb BEGIN or SET)
 *  COMMIT, ROLLBACK                                  SqlCommitOrRollback (verb COMMIT or ROLLBACK)
 *                                                    (both SqlTransactionControl)
 *  SNAPSHOT [TO 'name']                              SqlSnapshotBackup
 *  SHOW SNAPSHOTS                                    SqlShowSnapshots (kind OTHER: rows, not a query)
 *  SHOW name                                         SqlShowSetting (kind OTHER: one row, the value)
 *  DROP SNAPSHOT 'name'                              SqlDropSnapshot
 *  INSERT ... ON CONFLICT ... DO NOTHING / UPDATE    SqlInsertOnConflict (a SqlInsert)
 *  INSERT ... OVERRIDING {SYSTEM | USER} VALUE ...   SqlInsertOverriding (a SqlInsert)
 *  query FOR UPDATE / SHARE ... [NOWAIT | SKIP ...]  SqlRowLocking (kind OTHER: rows, run by exec.RowLocking)
 *  queries, INSERT, UPSERT, UPDATE, DELETE,          Calcite's own nodes
 *  MERGE, EXPLAIN
 * </pre>
 *
 * <p>Flags and modes are operands (literals), so {@code SqlNode.equalsDeep} compares whole statements;
 * every node unparses to SQL that parses back to an equal node.
 */
package io.shardsql.sql.parser;
