package io.shardsql.sql.parser;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A statement that does not parse ({@link ErrorCode#SYNTAX_ERROR}, SQLState 42601). The message says
 * where: {@code Syntax error at line 1, column 8: Encountered "form"}, and the position is also kept as
 * numbers (1-based, as editors count) for the wire protocol. The cause is Calcite's exception, with the
 * full list of tokens that would have been accepted.
 */
public final class SqlSyntaxException extends ShardSqlException {
    private static final Pattern CALCITE_POSITION = Pattern.compile("\\s*at line \\d+, column \\d+\\.?");
    /** Expected tokens are listed in the message only when there are this few (Calcite can list hundreds). */
    private static final int MAX_EXPECTED = 8;

    private final int line;
    private final int column;
    private final int endLine;
    private final int endColumn;

    SqlSyntaxException(SqlParseException e) {
        this(e, e.getPos() == null ? SqlParserPos.ZERO : e.getPos());
    }

    private SqlSyntaxException(SqlParseException e, SqlParserPos pos) {
        super(ErrorCode.SYNTAX_ERROR, message(e, pos), e);
        this.line = pos.getLineNum();
        this.column = pos.getColumnNum();
        this.endLine = pos.getEndLineNum();
        this.endColumn = pos.getEndColumnNum();
    }

    /** The line where the error starts, from 1; 0 if unknown. */
    public int line() { return line; }

    /** The column where the error starts, from 1; 0 if unknown. */
    public int column() { return column; }

    public int endLine() { return endLine; }

    public int endColumn() { return endColumn; }

    private static String message(SqlParseException e, SqlParserPos pos) {
        String detail = CALCITE_POSITION.matcher(firstLine(e.getMessage())).replaceAll("");
        detail = detail.replaceAll("\\s+", " ").trim();
        Set<String> expected = new LinkedHashSet<>();
        for (String token : e.getExpectedTokenNames()) {
            // Calcite lists every kind of quoted and unquoted identifier: say it once.
            expected.add(token.endsWith("IDENTIFIER>") ? "an identifier" : token);
        }
        if (expected.size() == 1) {
            detail += "; expected " + expected.iterator().next();
        } else if (!expected.isEmpty() && expected.size() <= MAX_EXPECTED) {
            detail += "; expected one of " + String.join(", ", expected);
        }
        String where = pos.getLineNum() > 0
                ? " at line " + pos.getLineNum() + ", column " + pos.getColumnNum() : "";
        return "Syntax error" + where + ": " + detail;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
