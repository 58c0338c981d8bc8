package io.shardsql.sql.exec;

import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlMonotonicBinaryOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;

import java.util.List;

/**
 * PostgreSQL's {@code date - date}: the number of days between them, an INTEGER. Calcite's "-" takes
 * no two DATEs (it wants {@code (d1 - d2) DAY}), so:
 * <ol>
 *   <li>the validator finds {@link #MINUS} for every binary "-" ({@link Operators} has it before
 *       Calcite's): Calcite's "-" that also takes two DATEs;</li>
 *   <li>after validation the ones that are not DATE − DATE are Calcite's "-" again, so everything
 *       after (conversion, rules, code) sees the usual operator;</li>
 *   <li>the converter turns the rest into {@code CAST((d1 - d2) DAY AS INTEGER)} ({@link #days}, through
 *       {@link Convertlets}).</li>
 * </ol>
 */
final class DateMinus {
    private DateMinus() {}

    private static final SqlReturnTypeInference DAYS_OR_CALCITES = binding -> {
        if (binding.getOperandCount() == 2 && isDate(binding.getOperandType(0)) && isDate(binding.getOperandType(1))) {
            RelDataType days = binding.getTypeFactory().createSqlType(SqlTypeName.INTEGER);
            return binding.getTypeFactory().createTypeWithNullability(days,
                    binding.getOperandType(0).isNullable() || binding.getOperandType(1).isNullable());
        }
        return SqlStdOperatorTable.MINUS.inferReturnType(binding);
    };

    /** Calcite's binary "-", which also takes DATE − DATE. */
    static final SqlMonotonicBinaryOperator MINUS = new SqlMonotonicBinaryOperator("-", SqlKind.MINUS,
            SqlStdOperatorTable.MINUS.getLeftPrec(), true, DAYS_OR_CALCITES,
            SqlStdOperatorTable.MINUS.getOperandTypeInference(),
            OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.DATE)
                    .or(SqlStdOperatorTable.MINUS.getOperandTypeChecker()));

    /** Step 2: after validation, the {@link #MINUS} that are not DATE − DATE are Calcite's "-" again (in place). */
    static void narrow(SqlNode validated, SqlValidator validator) {
        validated.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getOperator() == MINUS && !datesOnly(call, validator)) ((SqlBasicCall) call)
                        .setOperator(SqlStdOperatorTable.MINUS);
                return super.visit(call);
            }
        });
    }

    private static boolean datesOnly(SqlCall call, SqlValidator validator) {
        try {
            return isDate(validator.getValidatedNodeType(call.operand(0)))
                    && isDate(validator.getValidatedNodeType(call.operand(1)));
        } catch (UnsupportedOperationException notValidated) { // a part the validator did not see
            return false;
        }
    }

    private static boolean isDate(RelDataType type) {
        return type.getSqlTypeName() == SqlTypeName.DATE;
    }

    /** Step 3: DATE − DATE as {@code CAST((d1 - d2) DAY AS INTEGER)}. */
    static RexNode days(org.apache.calcite.sql2rel.SqlRexContext cx, SqlCall call) {
        RexBuilder rex = cx.getRexBuilder();
        RexNode left = cx.convertExpression(call.operand(0));
        RexNode right = cx.convertExpression(call.operand(1));
        RelDataType interval = cx.getTypeFactory()
                .createSqlIntervalType(new SqlIntervalQualifier(TimeUnit.DAY, null, SqlParserPos.ZERO));
        interval = cx.getTypeFactory().createTypeWithNullability(interval,
                left.getType().isNullable() || right.getType().isNullable());
        RexNode difference = rex.makeCall(interval, SqlStdOperatorTable.MINUS_DATE, List.of(left, right));
        return rex.makeCast(cx.getValidator().getValidatedNodeType(call), difference);
    }
}
