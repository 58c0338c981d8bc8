/**
 * The SQL shell, {@code bin/shardsql sql}: a client of any JDBC driver through {@link java.sql.DriverManager}.
 *
 * <pre>
 *   SqlCommand (picocli: options, password, connection, exit codes 0 / 1 SQL error / 2 usage or connection)
 *     ├─ ScriptRunner      lines of -e, -f files or stdin → ScriptSplitter → statements or meta-commands
 *     │    └─ InteractiveShell   the same lines from a JLine prompt (history, multi-line statements)
 *     ├─ MetaCommands      \q \dt \timing \?
 *     └─ StatementRunner   one statement: execute, stream its rows to a ResultPrinter, row count and timing
 *          └─ ResultPrinter   TablePrinter · CsvPrinter · JsonPrinter, over Rows (ResultSetRows)
 * </pre>
 *
 * Nothing here knows ShardSQL's driver: the shell talks the standard {@code java.sql} API only, and its tests
 * run against H2.
 */
package io.shardsql.server.cli.shell;
