package io.shardsql.shell;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * Tells JLine when Enter ends the input: when every statement in the buffer ends with a {@code ;} outside
 * quotes and comments, or the buffer is a meta-command. Otherwise Enter starts a continuation line, so a
 * multi-line statement is edited, and kept in the history, as one entry.
 */
final class SqlLineParser extends DefaultParser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !complete(line)) {
            throw new EOFError(-1, -1, "statement not complete", ";");
        }
        return super.parse(line, cursor, context);
    }

    /** Whether {@code buffer} holds only complete statements, meta-commands, comments and blanks. */
    static boolean complete(String buffer) {
        ScriptSplitter splitter = new ScriptSplitter();
        for (String line : buffer.split("\r\n|\r|\n", -1)) {
            splitter.feed(line);
        }
        return splitter.idle();
    }
}
