package io.shardsql.sql.exec;

import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TypeNames;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Casts to PostgreSQL's types that Calcite does not have, rewritten before validation:
 * <ul>
 *   <li>{@code CAST(x AS jsonb)}, {@code x::jsonb} → {@code JSONB_IN(x)} (the normal form, or 22P02), and
 *       {@code json} likewise → {@code JSON_IN(x)} ({@link TextFunctions}): JSON values are text to Calcite;</li>
 *   <li>{@code timestamptz} and {@code TIMESTAMP WITH TIME ZONE} (which Calcite parses as its TIMESTAMP_TZ,
 *       a type its generated code does not handle) → Calcite's {@code TIMESTAMP WITH LOCAL TIME ZONE}.</li>
 * </ul>
 */
final class TypeNameCasts {
    private TypeNameCasts() {}

    /** {@code statement} with those casts rewritten in place. */
    static SqlNode rewrite(SqlNode statement) {
        return InPlaceRewrite.apply(statement, TypeNameCasts::replacement);
    }

    private static SqlNode replacement(SqlNode node) {
        if (!(node instanceof SqlCall call) || call.getKind() != SqlKind.CAST || call.operandCount() != 2
                || !(call.operand(1) instanceof SqlDataTypeSpec spec) || spec.getCollectionsTypeName() != null) {
            return null;
        }
        SqlType named = null;
        if (spec.getTypeNameSpec() instanceof SqlUserDefinedTypeNameSpec udt && udt.getTypeName().isSimple()) {
            named = TypeNames.byName(udt.getTypeName().getSimple());
        } else if (spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic
                && basic.getTypeName().getSimple().equals(SqlTypeName.TIMESTAMP_TZ.name())) {
            named = SqlType.of(SqlType.Kind.TIMESTAMPTZ);
        }
        if (named == null) return null;
        SqlNode value = call.operand(0);
        return switch (named.kind()) {
            case JSON -> TextFunctions.JSON_IN.createCall(call.getParserPosition(), value);
            case JSONB -> TextFunctions.JSONB_IN.createCall(call.getParserPosition(), value);
            default -> SqlStdOperatorTable.CAST.createCall(call.getParserPosition(), value, new SqlDataTypeSpec(
                    new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3, spec.getParserPosition()),
                    spec.getParserPosition()));
        };
    }
}
