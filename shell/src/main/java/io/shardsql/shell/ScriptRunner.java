package io.shardsql.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;

/**
 * Feeds lines of SQL (a script file, {@code -e} text, standard input, or what the prompt accepted) through a
 * {@link ScriptSplitter} and runs each statement or {@link MetaCommands meta-command} as soon as it is complete.
 * A failing statement prints
 * {@code ERROR <SQLState>: message (line N)}, N being the line where the statement starts; then the run stops
 * unless errors are to be passed over.
 */
final class ScriptRunner {
    private final StatementRunner runner;
    private final MetaCommands meta;
    private final PrintWriter err;
    private final boolean continueOnError;
    private final boolean lineNumbers;
    private final ScriptSplitter splitter = new ScriptSplitter();
    private int failures;
    private boolean quit;

    /**
     * @param continueOnError keep going after a failed statement
     * @param lineNumbers     name the failing statement's line in error messages (not at the prompt)
     */
    ScriptRunner(StatementRunner runner, MetaCommands meta, PrintWriter err, boolean continueOnError,
            boolean lineNumbers) {
        this.runner = runner;
        this.meta = meta;
        this.err = err;
        this.continueOnError = continueOnError;
        this.lineNumbers = lineNumbers;
    }

    /** Runs everything {@code in} has, then the statement after its last {@code ;}; false if it stopped early. */
    boolean run(BufferedReader in) throws IOException {
        for (String line; (line = in.readLine()) != null; ) {
            if (!feed(line)) return false;
        }
        return finish();
    }

    /** Takes one line; false when the run must stop ({@code \q}, or an error and no continuing). */
    boolean feed(String line) {
        for (ScriptStatement statement : splitter.feed(line)) {
            if (!execute(statement)) return false;
        }
        return true;
    }

    /** Runs the statement after the last {@code ;}, if any; false if it failed and errors stop the run. */
    boolean finish() {
        return splitter.finish().map(this::execute).orElse(true);
    }

    /** Whether nothing of a statement is pending (the prompt shows its primary form). */
    boolean idle() {
        return splitter.idle();
    }

    int failures() {
        return failures;
    }

    boolean quit() {
        return quit;
    }

    private boolean execute(ScriptStatement statement) {
        if (statement.isMetaCommand()) return metaCommand(statement.sql(), statement.line());
        try {
            runner.execute(statement.sql());
            return true;
        } catch (SQLException e) {
            return failed(e, statement.line());
        }
    }

    private boolean metaCommand(String line, int lineNumber) {
        try {
            quit = meta.run(line) == MetaCommands.Outcome.QUIT;
            return !quit;
        } catch (SQLException | IllegalArgumentException e) {
            return failed(e, lineNumber);
        }
    }

    private boolean failed(Exception e, int line) {
        failures++;
        err.println(errorText(e) + (lineNumbers ? " (line " + line + ")" : ""));
        err.flush();
        return continueOnError;
    }

    /** {@code ERROR <SQLState>: message}, or {@code ERROR: message} when there is no SQLState. */
    static String errorText(Exception e) {
        String state = e instanceof SQLException s ? s.getSQLState() : null;
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return (state == null || state.isEmpty() ? "ERROR: " : "ERROR " + state + ": ") + message;
    }
}
