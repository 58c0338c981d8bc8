package io.shardsql.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits SQL text into statements at each {@code ;} that is outside single-quoted strings, double-quoted
 * identifiers, {@code --} line comments and {@code /* *}{@code /} block comments. Fed one line at a time, so a
 * script read from a pipe runs each statement as soon as its {@code ;} arrives.
 *
 * <p>A doubled quote inside a string or identifier ({@code 'it''s'}) is an escaped quote. Block comments do not
 * nest. Comments and blank lines before a statement are dropped, so its line number is that of its first token;
 * comments inside it are kept. Statements with nothing but whitespace and comments ({@code ;;}) are skipped.
 * Text after the last {@code ;} is a statement too, returned by {@link #finish()}.
 *
 * <p>A backslash where a statement could start begins a {@link ScriptStatement#isMetaCommand() meta-command}
 * ({@code \dt}), which runs to the end of its line and needs no {@code ;}.
 */
final class ScriptSplitter {
    /** Where the splitter is: in code, a quoted string or identifier, or a block comment. */
    private enum State { CODE, SINGLE_QUOTE, DOUBLE_QUOTE, BLOCK_COMMENT }

    private final StringBuilder text = new StringBuilder();
    private State state = State.CODE;
    private int lineNumber;
    /** Line of the current statement's first token; 0 while none has been seen. */
    private int startLine;

    /** Splits a whole script (lines end with LF, CRLF or CR). */
    public static List<ScriptStatement> split(String script) {
        ScriptSplitter splitter = new ScriptSplitter();
        List<ScriptStatement> statements = new ArrayList<>();
        for (String line : script.split("\r\n|\r|\n", -1)) {
            statements.addAll(splitter.feed(line));
        }
        splitter.finish().ifPresent(statements::add);
        return statements;
    }

    /** Takes the next line (without its line terminator); returns the statements it completes. */
    public List<ScriptStatement> feed(String line) {
        lineNumber++;
        if (started()) text.append('\n');
        List<ScriptStatement> done = new ArrayList<>(1);
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            char next = i + 1 < n ? line.charAt(i + 1) : 0;
            switch (state) {
                case SINGLE_QUOTE, DOUBLE_QUOTE -> {
                    text.append(c);
                    if (c == (state == State.SINGLE_QUOTE ? '\'' : '"')) state = State.CODE;
                }
                case BLOCK_COMMENT -> {
                    if (started()) text.append(c);
                    if (c == '*' && next == '/') {
                        if (started()) text.append('/');
                        state = State.CODE;
                        i++;
                    }
                }
                case CODE -> {
                    if (c == '-' && next == '-') {
                        if (started()) text.append(line, i, n);
                        return done;
                    } else if (c == '/' && next == '*') {
                        if (started()) text.append("/*");
                        state = State.BLOCK_COMMENT;
                        i++;
                    } else if (c == '\\' && !started()) {
                        done.add(new ScriptStatement(line.substring(i).strip(), lineNumber));
                        return done;
                    } else if (c == ';') {
                        if (started()) done.add(take());
                    } else if (Character.isWhitespace(c)) {
                        if (started()) text.append(c);
                    } else {
                        if (!started()) startLine = lineNumber;
                        text.append(c);
                        if (c == '\'') state = State.SINGLE_QUOTE;
                        if (c == '"') state = State.DOUBLE_QUOTE;
                    }
                }
            }
        }
        return done;
    }

    /** The statement after the last {@code ;}, if there is one (even inside an unclosed quote); resets. */
    public Optional<ScriptStatement> finish() {
        Optional<ScriptStatement> last = started() ? Optional.of(take()) : Optional.empty();
        state = State.CODE;
        return last;
    }

    /** True between statements: nothing of a statement seen yet, and not inside a quote or comment. */
    public boolean idle() {
        return !started() && state == State.CODE;
    }

    /** Lines fed so far. */
    public int lineNumber() {
        return lineNumber;
    }

    private boolean started() {
        return startLine != 0;
    }

    private ScriptStatement take() {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) end--;
        ScriptStatement s = new ScriptStatement(text.substring(0, end), startLine);
        text.setLength(0);
        startLine = 0;
        return s;
    }
}
