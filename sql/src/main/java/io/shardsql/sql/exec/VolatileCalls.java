package io.shardsql.sql.exec;

import io.shardsql.sql.sequence.SequenceFunctions;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.ArrayList;
import java.util.List;

/**
 * Numbers the calls of {@code nextval(name)} and {@code gen_random_uuid()} of a statement before it is
 * validated: each becomes {@code nextval(name, k)} / {@code gen_random_uuid(k)} with its own {@code k}
 * ({@link SequenceFunctions#NEXTVAL_NUMBERED}). Calcite takes two equal expressions for one value and
 * computes it once, so {@code SELECT nextval('s'), nextval('s')} would give the same number twice; in
 * PostgreSQL each call is its own.
 */
final class VolatileCalls {
    private VolatileCalls() {}

    /** {@code statement} with its volatile calls numbered in place. */
    static SqlNode rewrite(SqlNode statement) {
        int[] next = {0};
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                List<SqlNode> operands = call.getOperandList();
                for (int i = 0; i < operands.size(); i++) {
                    SqlNode numbered = numbered(operands.get(i), next);
                    if (numbered != null) call.setOperand(i, numbered);
                }
                return super.visit(call);
            }

            @Override
            public Void visit(SqlNodeList list) {
                for (int i = 0; i < list.size(); i++) {
                    SqlNode numbered = numbered(list.get(i), next);
                    if (numbered != null) list.set(i, numbered);
                }
                return super.visit(list);
            }
        });
        return statement;
    }

    /** The numbered form of {@code node} if it is a call to number, else null. */
    private static SqlNode numbered(SqlNode node, int[] next) {
        if (!(node instanceof SqlBasicCall call) || !(call.getOperator() instanceof SqlFunction f)) return null;
        int arity = SequenceFunctions.numberedArity(f.getName());
        if (arity < 0 || call.operandCount() != arity) return null;
        List<SqlNode> operands = new ArrayList<>(call.getOperandList());
        operands.add(SqlLiteral.createExactNumeric(Integer.toString(next[0]++), call.getParserPosition()));
        return new SqlBasicCall(call.getOperator(), operands, call.getParserPosition(), call.getFunctionQuantifier());
    }
}
