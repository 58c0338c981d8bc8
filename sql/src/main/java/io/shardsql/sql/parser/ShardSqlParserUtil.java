package io.shardsql.sql.parser;

import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Helpers the generated parser calls from its actions (public because the parser lives in the
 * {@code impl} package), and small helpers the node classes share.
 */
public final class ShardSqlParserUtil {
    private ShardSqlParserUtil() {}

    /**
     * An error found while parsing that the grammar alone does not express. The parser turns it into a
     * {@code SqlParseException} at {@code pos}, so it reaches the user like any syntax error.
     */
    public static CalciteContextException error(SqlParserPos pos, String message) {
        return new CalciteContextException(message, new CalciteException(message, null),
                pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
    }

    /** Rejects {@code CREATE OR REPLACE} for objects that have no such form. */
    public static void noOrReplace(boolean replace, String object, SqlParserPos pos) {
        if (replace) {
            throw error(pos, "CREATE OR REPLACE " + object + " is not supported");
        }
    }

    /** Records an explicit {@code NULL} / {@code NOT NULL} on a column; the two may not be mixed. */
    public static Boolean nullability(Boolean sofar, boolean nullable, SqlIdentifier column, SqlParserPos pos) {
        if (sofar != null && sofar != nullable) {
            throw error(pos, "conflicting NULL/NOT NULL declarations for column " + column);
        }
        return nullable;
    }

    /**
     * Whether a column was declared {@code NOT NULL}; an explicit {@code NULL} on a {@code PRIMARY KEY}
     * column is an error (key columns are never NULL, which the catalog applies whether declared or not).
     */
    public static boolean notNull(Boolean nullable, boolean primaryKey, SqlIdentifier column, SqlParserPos pos) {
        if (primaryKey && Boolean.TRUE.equals(nullable)) {
            throw error(pos, "conflicting NULL/NOT NULL declarations for column " + column);
        }
        return Boolean.FALSE.equals(nullable);
    }

    /** A boolean operand (flags are operands so that {@code equalsDeep} compares them). */
    static SqlLiteral flag(boolean value) {
        return SqlLiteral.createBoolean(value, SqlParserPos.ZERO);
    }

    /** The value of a boolean operand built by {@link #flag}. */
    static boolean flag(SqlNode literal) {
        return ((SqlLiteral) literal).booleanValue();
    }

    /** Writes {@code (a, b, ...)}. */
    static void unparseList(SqlWriter writer, SqlNodeList list) {
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode node : list) {
            writer.sep(",");
            node.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }

    /** The text of a string literal (joining the parts of {@code 'a' 'b'}). */
    static String string(SqlNode literal) {
        return SqlLiteral.unchain(literal).getValueAs(String.class);
    }
}
