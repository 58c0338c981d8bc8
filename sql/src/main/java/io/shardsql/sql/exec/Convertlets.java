package io.shardsql.sql.exec;

import io.shardsql.sql.parser.JsonOperators;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
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
 * {@code date - date} ({@link DateMinus}), {@code ||} ({@link TextConcat}), and casts to a string of
 * a BOOLEAN, which is {@code 'true'} or {@code 'false'} as in PostgreSQL (Calcite writes {@code 'TRUE'}),
 * and of a TIME or TIMESTAMP, whose fraction of a second is written as far as it goes, as in
 * PostgreSQL (Calcite writes the type's precision: none for TIMESTAMP). Casts the validator added while
 * coercing an INSERT's source to its target's column types are converted too (they have no validated type).
 */
final class Convertlets {
    private Convertlets() {}

    static final SqlRexConvertletTable TABLE = call -> {
        if (call.getOperator() == DateMinus.MINUS) return DateMinus::days;
        if (call.getOperator() == TextConcat.OPERATOR) return TextConcat::convert;
        if (call.getOperator() == JsonOperators.GET || call.getOperator() == JsonOperators.GET_TEXT) {
            return Convertlets::jsonAccess;
        }
        if (call.getKind() == SqlKind.CAST) return Convertlets::cast;
        return StandardConvertletTable.INSTANCE.get(call);
    };

    private static RexNode cast(SqlRexContext cx, SqlCall call) {
        RelDataType from = cx.getValidator().getValidatedNodeType(call.operand(0));
        RelDataType to = targetType(cx, call);
        if (to.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                && from.getSqlTypeName().getFamily() == SqlTypeFamily.CHARACTER) {
            return asText(cx, call, TextFunctions.TIMESTAMPTZ_IN, to);
        }
        if (to.getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER) return StandardConvertletTable.INSTANCE
                .get(call).convertCall(cx, call);
        return switch (from.getSqlTypeName()) {
            case BOOLEAN -> booleanAsText(cx, call, from, to);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> asText(cx, call, TextFunctions.TIMESTAMPTZ_TEXT, to);
            case TIMESTAMP -> asText(cx, call, PostgresFunctions.TIMESTAMP_TEXT, to);
            case TIME -> asText(cx, call, PostgresFunctions.TIME_TEXT, to);
            default -> StandardConvertletTable.INSTANCE.get(call).convertCall(cx, call);
        };
    }

    /**
     * The type {@code call} casts to. A cast the validator wrote itself while coercing (an INSERT's source
     * column to the target column's type: {@code INSERT INTO t (bigint_col) SELECT int_col FROM s}) has
     * no validated type of its own, so its type comes from its data type spec.
     */
    private static RelDataType targetType(SqlRexContext cx, SqlCall call) {
        RelDataType known = cx.getValidator().getValidatedNodeTypeIfKnown(call);
        if (known != null) return known;
        RelDataType spec = ((SqlDataTypeSpec) call.operand(1)).deriveType(cx.getValidator());
        RelDataType from = cx.getValidator().getValidatedNodeType(call.operand(0));
        return cx.getTypeFactory().createTypeWithNullability(spec, from.isNullable());
    }

    private static RexNode booleanAsText(SqlRexContext cx, SqlCall call, RelDataType from, RelDataType to) {
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

    /**
     * A TIME or TIMESTAMP written by {@code function} ({@link PostgresMath}), then cast to the string type asked
     * for.
     */
    private static RexNode asText(SqlRexContext cx, SqlCall call, SqlFunction function, RelDataType to) {
        RexBuilder rex = cx.getRexBuilder();
        return rex.makeCast(to, rex.makeCall(function, cx.convertExpression(call.operand(0))));
    }

    /** {@code json -> key} / {@code json ->> key}: a call of the function for the key's type (text or integer). */
    private static RexNode jsonAccess(SqlRexContext cx, SqlCall call) {
        RexBuilder rex = cx.getRexBuilder();
        RexNode json = cx.convertExpression(call.operand(0));
        RexNode key = cx.convertExpression(call.operand(1));
        boolean byIndex = key.getType().getSqlTypeName().getFamily() == SqlTypeFamily.NUMERIC;
        boolean text = call.getOperator() == JsonOperators.GET_TEXT;
        SqlFunction function = byIndex ? (text ? TextFunctions.GET_TEXT_BY_INDEX : TextFunctions.GET_BY_INDEX)
                : (text ? TextFunctions.GET_TEXT_BY_KEY : TextFunctions.GET_BY_KEY);
        if (byIndex) {
            key = rex.makeCast(cx.getTypeFactory().createTypeWithNullability(
                    cx.getTypeFactory().createSqlType(SqlTypeName.INTEGER), key.getType().isNullable()), key);
        }
        return rex.makeCall(cx.getValidator().getValidatedNodeType(call), function, List.of(json, key));
    }
}
