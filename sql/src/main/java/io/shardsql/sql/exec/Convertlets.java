package io.shardsql.sql.exec;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

import java.util.List;

/**
 * How validated SQL calls become row expressions where ours differ from Calcite's standard table:
 * {@code date - date} ({@link DateMinus}) and a BOOLEAN cast to a string, which is {@code 'true'} or
 * {@code 'false'} as in PostgreSQL (Calcite writes {@code 'TRUE'}).
 */
final class Convertlets {
    private Convertlets() {}

    static final SqlRexConvertletTable TABLE = call -> {
        if (call.getOperator() == DateMinus.MINUS) return DateMinus::days;
        if (call.getKind() == SqlKind.CAST) return Convertlets::cast;
        return StandardConvertletTable.INSTANCE.get(call);
    };

    private static RexNode cast(SqlRexContext cx, SqlCall call) {
        RelDataType from = cx.getValidator().getValidatedNodeType(call.operand(0));
        RelDataType to = cx.getValidator().getValidatedNodeType(call);
        if (from.getSqlTypeName() != SqlTypeName.BOOLEAN || to.getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
            return StandardConvertletTable.INSTANCE.get(call).convertCall(cx, call);
        }
        RexBuilder rex = cx.getRexBuilder();
        RexNode value = cx.convertExpression(call.operand(0));
        RelDataType text = cx.getTypeFactory().createTypeWithNullability(
                cx.getTypeFactory().createSqlType(SqlTypeName.VARCHAR, 5), from.isNullable());
        RexNode words = rex.makeCall(text, SqlStdOperatorTable.CASE, List.of(
                rex.makeCall(SqlStdOperatorTable.IS_NULL, value), rex.makeNullLiteral(text),
                value, rex.makeLiteral("true", text, false),
                rex.makeLiteral("false", text, false)));
        return rex.makeCast(to, words);
    }
}
