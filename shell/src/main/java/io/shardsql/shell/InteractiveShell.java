package io.shardsql.shell;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The prompt: JLine line editing, a history file, statements over several lines ({@code shardsql> } then
 * {@code      ...> }). Each accepted entry goes line by line through the same {@link ScriptRunner} as scripts,
 * which here reports errors without line numbers and carries on. Ctrl-C clears the entry being typed, or cancels
 * the running statement; Ctrl-D or {@code \q} quits.
 */
final class InteractiveShell {
    static final String PROMPT = "shardsql> ";
    static final String CONTINUATION = "     ...> ";

    private final Terminal terminal;
    private final Path historyFile;
    private final ScriptRunner script;
    private final StatementRunner statements;

    InteractiveShell(Terminal terminal, Path historyFile, ScriptRunner script, StatementRunner statements) {
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.script = script;
        this.statements = statements;
    }

    static Path defaultHistoryFile() {
        return Path.of(System.getProperty("user.home"), ".shardsql_history");
    }

    /** Reads and runs entries until Ctrl-D or {@code \q}. */
    void run() throws IOException {
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("shardsql")
                .parser(new SqlLineParser())
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is SQL, not history
                .build();
        terminal.handle(Terminal.Signal.INT, signal -> statements.cancel()); // readLine has its own while reading
        terminal.writer().println("ShardSQL shell. End statements with ;  \\? for help, \\q to quit.");
        try {
            while (true) {
                String entry;
                try {
                    entry = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                if (!runEntry(entry)) break;
            }
        } finally {
            reader.getHistory().save();
            terminal.flush();
        }
    }

    /** False when the entry was {@code \q}. */
    private boolean runEntry(String entry) {
        for (String line : entry.split("\r\n|\r|\n", -1)) {
            if (!script.feed(line) && script.quit()) return false;
        }
        return true;
    }
}
