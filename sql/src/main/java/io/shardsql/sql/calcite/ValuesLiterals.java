package io.shardsql.sql.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;

import java.math.BigDecimal;

/**
 * Exact numeric literals in a VALUES column the validator typed REAL or DOUBLE become approximate
 * literals. Calcite keeps each literal of a multi-row VALUES as written, so {@code (1, 0.5), (2, 1e10)}
 * gave a column of a BigDecimal and a Double (a ClassCastException while sorting them), and
 * {@code (1, 0.5), (2, NULL)} into a DOUBLE column a DOUBLE column holding a DECIMAL literal (an
 * AssertionError compiling it).
 */
public final class ValuesLiterals {
    private ValuesLiterals() {}

    /** Rewrites, in place, the VALUES in the validated {@code statement}. */
    public static void approximate(SqlNode statement, SqlValidator validator) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getKind() == SqlKind.VALUES) rewrite(call, validator.getValidatedNodeType(call));
                return super.visit(call);
            }
        });
    }

    private static void rewrite(SqlCall values, RelDataType rowType) {
        for (SqlNode row : values.getOperandList()) {
            if (!(row instanceof SqlCall r) || r.getKind() != SqlKind.ROW) continue;
            for (int i = 0; i < r.operandCount() && i < rowType.getFieldCount(); i++) {
                SqlNode operand = r.operand(i);
                if (operand instanceof SqlNumericLiteral n && n.isExact()
                        && SqlTypeUtil.isApproximateNumeric(rowType.getFieldList().get(i).getType())) {
                    BigDecimal value = n.getValueAs(BigDecimal.class);
                    r.setOperand(i, SqlLiteral.createApproxNumeric(value.toString(), n.getParserPosition()));
                }
            }
        }
    }
}
