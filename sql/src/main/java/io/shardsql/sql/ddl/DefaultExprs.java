package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.DefaultExpr;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.sequence.SessionSequences;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

import java.util.Locale;

/**
 * The DEFAULT expressions evaluated per inserted row ({@link DefaultExpr}): {@code CURRENT_TIMESTAMP},
 * {@code LOCALTIMESTAMP}, {@code now()}, {@code CURRENT_DATE}, {@code nextval('name')} and
 * {@code gen_random_uuid()}, each only for a column of a type it fits (else 42804). Anything else that is
 * not a literal stays 0A000 ({@link DefaultValues}).
 */
final class DefaultExprs {
    private DefaultExprs() {}

    /** The expression {@code expr} is, or null when it is not one of ours (a literal, or unsupported). */
    static DefaultExpr of(SqlNode expr, ColumnDef column) {
        if (expr instanceof SqlIdentifier id && id.isSimple()) { // the parser leaves CURRENT_DATE to the validator
            return of(switch (id.getSimple().toUpperCase(Locale.ROOT)) {
                case "CURRENT_TIMESTAMP", "LOCALTIMESTAMP" -> SqlStdOperatorTable.CURRENT_TIMESTAMP.createCall(
                        id.getParserPosition());
                case "CURRENT_DATE" -> SqlStdOperatorTable.CURRENT_DATE.createCall(id.getParserPosition());
                default -> null;
            }, column);
        }
        if (!(expr instanceof SqlCall call)) return null;
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        DefaultExpr found = switch (name) {
            case "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "NOW" -> call.operandCount() == 0
                    ? new DefaultExpr(DefaultExpr.Kind.CURRENT_TIMESTAMP, "") : null;
            case "CURRENT_DATE" -> call.operandCount() == 0 ? new DefaultExpr(DefaultExpr.Kind.CURRENT_DATE, "") : null;
            case "GEN_RANDOM_UUID" -> call.operandCount() == 0
                    ? new DefaultExpr(DefaultExpr.Kind.GEN_RANDOM_UUID, "") : null;
            case "NEXTVAL" -> call.operandCount() == 1 && call.operand(0) instanceof SqlCharStringLiteral s
                    ? DefaultExpr.nextval(SessionSequences.name(s.getValueAs(String.class))) : null;
            default -> null;
        };
        if (found != null) checkType(found, column);
        return found;
    }

    private static void checkType(DefaultExpr expr, ColumnDef column) {
        SqlType.Kind kind = column.type().kind();
        boolean fits = switch (expr.kind()) {
            case CURRENT_TIMESTAMP, CURRENT_DATE -> kind == SqlType.Kind.TIMESTAMP || kind == SqlType.Kind.DATE
                    || kind == SqlType.Kind.TIMESTAMPTZ;
            case NEXTVAL -> kind == SqlType.Kind.SMALLINT || kind == SqlType.Kind.INTEGER || kind == SqlType.Kind.BIGINT
                    || kind == SqlType.Kind.DECIMAL;
            case GEN_RANDOM_UUID -> (kind == SqlType.Kind.VARCHAR || kind == SqlType.Kind.CHAR)
                    && (column.type().precision() == 0 || column.type().precision() >= 36);
        };
        if (!fits) {
            throw new ShardSqlException(ErrorCode.DATATYPE_MISMATCH, "column \"" + column.name() + "\" is of type "
                    + column.type() + " but its DEFAULT " + expr.sql() + " is not");
        }
    }
}
