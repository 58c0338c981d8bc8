package io.shardsql.sql.exec;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql2rel.SqlRexContext;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a || b} as PostgreSQL has it: a CHAR(n) value loses its trailing blanks before it is joined,
 * and the result is a VARCHAR (PostgreSQL's text), so {@code CAST('abc' AS CHAR(5)) || '|'} is
 * {@code 'abc|'}. Calcite keeps the blanks and types the result CHAR when both sides are.
 *
 * <p>{@link #OPERATOR} is Calcite's {@code ||} with a VARCHAR result type; it shadows Calcite's in our
 * operator table ({@link Operators}), where the validator looks up the operator of every {@code ||} it
 * types. {@link #convert} then trims each CHAR operand that is not a literal (a literal holds only the
 * blanks written in it) and calls Calcite's own {@code ||}, whose generated code is unchanged.
 */
final class TextConcat {
    private TextConcat() {}

    static final SqlBinaryOperator OPERATOR = new SqlBinaryOperator("||", SqlKind.OTHER, 60, true,
            ReturnTypes.DYADIC_STRING_SUM_PRECISION_NULLABLE.andThen(SqlTypeTransforms.TO_VARYING), null,
            OperandTypes.STRING_SAME_SAME);

    /** The row expression of a validated {@code a || b}. */
    static RexNode convert(SqlRexContext cx, SqlCall call) {
        RexBuilder rex = cx.getRexBuilder();
        List<RexNode> operands = new ArrayList<>();
        for (SqlNode operand : call.getOperandList()) {
            RexNode value = cx.convertExpression(operand);
            if (value.getType().getSqlTypeName() == SqlTypeName.CHAR && !(operand instanceof SqlLiteral)) {
                value = rex.makeCall(SqlStdOperatorTable.TRIM, rex.makeFlag(SqlTrimFunction.Flag.TRAILING),
                        rex.makeLiteral(" "), value);
            }
            operands.add(value);
        }
        RelDataType type = cx.getValidator().getValidatedNodeType(call);
        return rex.makeCall(type, SqlStdOperatorTable.CONCAT, operands);
    }
}
