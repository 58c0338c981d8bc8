package io.shardsql.sql.exec;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * The string literals a CASE returns are VARCHARs, as PostgreSQL's are text: rewritten before
 * validation into {@code CAST('yes' AS VARCHAR(3))}. Calcite types {@code 'yes'} as CHAR(3), and a CASE
 * over CHAR(3) and CHAR(7) as CHAR(7), so {@code CASE WHEN b THEN 'yes' ELSE 'unknown' END} gave
 * {@code 'yes    '}. Only the THEN and ELSE results change: literals compared with CHAR(n) columns keep
 * CHAR's padded comparison (Calcite's switch for ragged types, which would change that too, stays off;
 * {@link io.shardsql.sql.calcite.ShardTypeSystem}).
 */
final class CaseLiterals {
    private CaseLiterals() {}

    /** {@code statement} with its CASE results rewritten in place. */
    static SqlNode rewrite(SqlNode statement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlCase c) {
                    SqlNodeList results = c.getThenOperands();
                    for (int i = 0; i < results.size(); i++) results.set(i, asVarchar(results.get(i)));
                    if (c.getElseOperand() != null) c.setOperand(3, asVarchar(c.getElseOperand()));
                }
                return super.visit(call);
            }
        });
        return statement;
    }

    private static SqlNode asVarchar(SqlNode result) {
        if (!(result instanceof SqlCharStringLiteral literal)) return result;
        int length = Math.max(1, literal.getValueAs(String.class).length());
        return DateUnitCalls.cast(literal, SqlTypeName.VARCHAR, length, literal.getParserPosition());
    }
}
