package io.shardsql.shell;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.util.List;

/**
 * The SQL shell over one open {@link Connection}: what a command line calls, knowing nothing of this package's
 * parts. {@link #runScripts} runs scripts (the lines of {@code -e} text, files or standard input) without a
 * prompt; {@link #runInteractive} reads statements from a JLine prompt on the system terminal. Opening the
 * connection, and the options that choose between the two, are the caller's.
 */
public final class SqlShell {
    /** Every statement succeeded (or, at the prompt, the session ended). */
    public static final int OK = 0;
    /** A statement failed. */
    public static final int SQL_ERROR = 1;

    private final Connection connection;
    private final OutputFormat format;

    /** A shell printing results in {@code format} over {@code connection}, which stays the caller's to close. */
    public SqlShell(Connection connection, OutputFormat format) {
        this.connection = connection;
        this.format = format;
    }

    /**
     * Runs each of {@code sources} in turn as a script: errors name their line; the run stops at the first
     * failure unless {@code continueOnError}, and at {@code \q}. Results go to {@code out}; row counts and timings
     * go there too for the table format, to {@code err} otherwise.
     *
     * @return {@link #OK} when every statement succeeded, else {@link #SQL_ERROR}
     */
    public int runScripts(List<BufferedReader> sources, boolean continueOnError, PrintWriter out, PrintWriter err)
            throws IOException {
        ResultPrinter printer = format.printer(out);
        PrintWriter status = printer.statusWithRows() ? out : err;
        StatementRunner statements = new StatementRunner(connection, printer, out, status);
        MetaCommands meta = new MetaCommands(statements, status);
        int failures = 0;
        for (BufferedReader source : sources) {
            try (source) {
                ScriptRunner script = new ScriptRunner(statements, meta, err, continueOnError, true);
                boolean goOn = script.run(source);
                failures += script.failures();
                if (!goOn) break;
            }
        }
        return failures == 0 ? OK : SQL_ERROR;
    }

    /**
     * The prompt on the system terminal, with history in {@code ~/.shardsql_history}: errors are reported and the
     * session goes on until Ctrl-D or {@code \q}.
     *
     * @return {@link #OK}
     */
    public int runInteractive() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            PrintWriter tw = terminal.writer();
            StatementRunner statements = new StatementRunner(connection, format.printer(tw), tw, tw);
            ScriptRunner script = new ScriptRunner(statements, new MetaCommands(statements, tw), tw, true, false);
            new InteractiveShell(terminal, InteractiveShell.defaultHistoryFile(), script, statements).run();
        }
        return OK;
    }
}
