package io.shardsql.sql.parser;

import io.shardsql.common.ShardSqlException;
import io.shardsql.common.ErrorCode;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

import java.io.StringReader;
import java.util.List;

/**
 * Parses ShardSQL's dialect: Calcite's SQL plus our statements (see docs/sql.md), with PostgreSQL's
 * rules for names — unquoted identifiers fold to lower case, quoted ones keep their spelling, and names
 * are then compared exactly.
 *
 * <pre>{@code
 * SqlNode stmt = ShardSqlParser.parse("CREATE TABLE t (id INT PRIMARY KEY, name TEXT)");
 * List<SqlNode> script = ShardSqlParser.parseScript("BEGIN; INSERT INTO t VALUES (1, 'a'); COMMIT");
 * String sql = ShardSqlParser.unparse(stmt);   // parses back to an equal tree
 * }</pre>
 *
 * A statement that does not parse throws {@link SqlSyntaxException} (SQLState 42601) with its line and
 * column. Parsing is thread-safe: every call makes its own parser.
 */
public final class ShardSqlParser {
    /** The parser configuration every part of ShardSQL uses (validators need the same casing rules). */
    public static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(ShardSqlParserImpl.FACTORY)
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.TO_LOWER)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(true)
            .withConformance(SqlConformanceEnum.LENIENT);

    private ShardSqlParser() {}

    /** Parses one statement (a trailing semicolon is not allowed; use {@link #parseScript} for scripts). */
    public static SqlNode parse(String sql) {
        try {
            return SqlParser.create(nonEmpty(sql), CONFIG).parseStmt();
        } catch (SqlParseException e) {
            throw failure(e);
        } catch (StackOverflowError e) {
            throw tooDeep(e);
        }
    }

    /**
     * Parses statements separated by semicolons (one after the last is optional). Error positions count
     * from the start of the script.
     */
    public static List<SqlNode> parseScript(String sql) {
        try {
            return SqlParser.create(nonEmpty(sql), CONFIG).parseStmtList().getList();
        } catch (SqlParseException e) {
            throw failure(e);
        } catch (StackOverflowError e) {
            throw tooDeep(e);
        }
    }

    /**
     * Writes a statement back as SQL in our dialect, compactly (Calcite still starts some clauses on a
     * new line); the text parses back to an equal tree.
     */
    public static String unparse(SqlNode node) {
        return node.toSqlString(c -> c.withDialect(ShardSqlDialect.DEFAULT)
                        .withAlwaysUseParentheses(false)
                        .withSelectListItemsOnSeparateLines(false)
                        .withUpdateSetListNewline(false)
                        .withClauseStartsLine(false)
                        .withClauseEndsLine(false)
                        .withIndentation(0))
                .getSql();
    }

    /** A syntax error, or 54001 when the parser ran out of stack (Calcite then says only "unknown"). */
    private static ShardSqlException failure(SqlParseException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof StackOverflowError deep) return tooDeep(deep);
        }
        return new SqlSyntaxException(e);
    }

    private static ShardSqlException tooDeep(StackOverflowError e) {
        return new ShardSqlException(ErrorCode.STATEMENT_TOO_COMPLEX,
                "statement is too deeply nested to parse (parentheses or operators nested thousands deep)", e);
    }

    /** Calcite's reader fails on "" with an index error; a blank is parsed like any other empty text. */
    private static String nonEmpty(String sql) {
        return sql.isEmpty() ? " " : sql;
    }

    /** The keywords of our grammar, reserved or not. */
    static SqlAbstractParserImpl.Metadata metadata() {
        return ShardSqlParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();
    }
}
