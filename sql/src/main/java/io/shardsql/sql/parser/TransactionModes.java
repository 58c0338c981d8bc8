package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;

/**
 * The transaction modes of {@code BEGIN}, {@code START TRANSACTION} and {@code SET TRANSACTION}: a list
 * of symbol literals, each an {@link IsolationLevel} or an {@link AccessMode}, at most one of each kind.
 */
public final class TransactionModes {
    private TransactionModes() {}

    /** Rejects a list that names an isolation level or an access mode twice (as PostgreSQL does). */
    public static void check(SqlNodeList modes) {
        boolean isolation = false;
        boolean access = false;
        for (SqlNode mode : modes) {
            boolean isIsolation = value(mode) instanceof IsolationLevel;
            if (isIsolation ? isolation : access) {
                throw ShardSqlParserUtil.error(mode.getParserPosition(),
                        "conflicting or redundant transaction modes: "
                                + (isIsolation ? "ISOLATION LEVEL" : "READ ONLY / READ WRITE") + " given twice");
            }
            isolation |= isIsolation;
            access |= !isIsolation;
        }
    }

    /** The isolation level in the list, or null if none is named. */
    static IsolationLevel isolationLevel(SqlNodeList modes) {
        return find(modes, IsolationLevel.class);
    }

    /** The access mode in the list, or null if none is named. */
    static AccessMode accessMode(SqlNodeList modes) {
        return find(modes, AccessMode.class);
    }

    /** Writes the modes, comma-separated, in the order given. */
    static void unparse(SqlWriter writer, SqlNodeList modes) {
        SqlWriter.Frame frame = writer.startList("", "");
        for (SqlNode mode : modes) {
            writer.sep(",");
            Object value = value(mode);
            if (value instanceof IsolationLevel level) {
                writer.keyword("ISOLATION LEVEL");
                writer.keyword(level.sql());
            } else {
                writer.keyword(((AccessMode) value).sql());
            }
        }
        writer.endList(frame);
    }

    private static <E extends Enum<E>> E find(SqlNodeList modes, Class<E> type) {
        for (SqlNode mode : modes) {
            if (type.isInstance(value(mode))) {
                return type.cast(value(mode));
            }
        }
        return null;
    }

    private static Object value(SqlNode mode) {
        return ((SqlLiteral) mode).getValue();
    }
}
