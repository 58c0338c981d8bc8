/**
 * The SQL shell behind {@code bin/shardsql sql}: a client of any JDBC driver, over a {@link java.sql.Connection}
 * its caller opened. Its API is {@link io.shardsql.shell.SqlShell} and {@link io.shardsql.shell.OutputFormat}
 * (everything else is package-private);
 * the command line's options, password and exit code 2 are the {@code cli} module's ({@code SqlCommand}).
 *
 * <pre>
 *   SqlShell (runScripts: -e text, files or stdin · runInteractive: the prompt; exit codes 0 / 1 SQL error)
 *     ├─ ScriptRunner      lines of a script → ScriptSplitter → statements or meta-commands
 *     │    └─ InteractiveShell   the same lines from a JLine prompt (history, multi-line statements)
 *     ├─ MetaCommands      \q \dt \timing \?
 *     └─ StatementRunner   one statement: execute, stream its rows to a ResultPrinter, row count and timing
 *          └─ ResultPrinter   TablePrinter · CsvPrinter · JsonPrinter, over Rows (ResultSetRows)
 * </pre>
 *
 * Nothing here knows ShardSQL: the module depends on {@code java.sql} and JLine only, and its tests run against
 * H2.
 */
package io.shardsql.shell;
