package io.shardsql.sql.exec;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.function.UnaryOperator;

/**
 * Rewrites a parsed statement in place before validation: every operand of every call, and every element
 * of every node list, for which {@code replacement} gives a node (null: keep it) is replaced by it; the
 * walk then goes on below the replaced node. What the rewrites that turn PostgreSQL spellings into
 * Calcite's ({@link DateUnitCalls}, {@link TypeNameCasts}) share.
 */
final class InPlaceRewrite {
    private InPlaceRewrite() {}

    static SqlNode apply(SqlNode statement, UnaryOperator<SqlNode> replacement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                for (int i = 0; i < call.operandCount(); i++) {
                    SqlNode replaced = replacement.apply(call.operand(i));
                    if (replaced != null) call.setOperand(i, replaced);
                }
                return super.visit(call);
            }

            @Override
            public Void visit(SqlNodeList list) {
                for (int i = 0; i < list.size(); i++) {
                    SqlNode replaced = replacement.apply(list.get(i));
                    if (replaced != null) list.set(i, replaced);
                }
                return super.visit(list);
            }
        });
        return statement;
    }
}
