package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;

/**
 * PostgreSQL's JSON operators as the parser builds them: {@code json -> key} (a member or, with an integer,
 * an array element, as JSON text) and {@code json ->> key} (the same as text). Both take a JSON or JSONB
 * value, which is text to Calcite, and return text that is NULL where nothing is found. Their precedence
 * (36) puts them below {@code + -} and above comparisons and LIKE, as PostgreSQL's "other operators" are.
 * The row expressions they become are in {@code io.shardsql.sql.exec.Convertlets}.
 */
public final class JsonOperators {
    private JsonOperators() {}

    private static final int PRECEDENCE = 36;

    /** {@code ->}. */
    public static final SqlBinaryOperator GET = operator("->");

    /** {@code ->>}. */
    public static final SqlBinaryOperator GET_TEXT = operator("->>");

    private static SqlBinaryOperator operator(String name) {
        return new SqlBinaryOperator(name, SqlKind.OTHER, PRECEDENCE, true,
                ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.FORCE_NULLABLE),
                InferTypes.FIRST_KNOWN,
                OperandTypes.or(OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
                        OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER)));
    }
}
