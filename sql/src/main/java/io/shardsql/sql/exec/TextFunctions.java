package io.shardsql.sql.exec;

import io.shardsql.sql.text.JsonText;
import io.shardsql.sql.text.TimestampTzText;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.util.List;

/**
 * The functions behind JSON, JSONB and TIMESTAMP WITH TIME ZONE, implemented in {@code io.shardsql.sql.text}:
 * casts to {@code json}/{@code jsonb} ({@link TypeNameCasts} writes them), {@code ->} and {@code ->>}
 * ({@link Convertlets} turns the operators into these calls), and a timestamptz to and from text.
 * JSON_IN and JSONB_IN are in the operator table (the validator looks them up by name), so a statement may
 * call them; the others are made by the convertlets only.
 */
final class TextFunctions {
    private TextFunctions() {}

    private static final SqlReturnTypeInference TEXT_OR_NULL =
            ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.FORCE_NULLABLE);

    /** {@code x::json}: x if it is JSON, else 22P02. */
    static final SqlFunction JSON_IN = function("JSON_IN", ReturnTypes.VARCHAR_NULLABLE, JsonText.class, "json",
            List.of(SqlTypeFamily.CHARACTER), List.of(SqlTypeName.VARCHAR));

    /** {@code x::jsonb}: JSONB's normal form of x, or 22P02. */
    static final SqlFunction JSONB_IN = function("JSONB_IN", ReturnTypes.VARCHAR_NULLABLE, JsonText.class, "jsonb",
            List.of(SqlTypeFamily.CHARACTER), List.of(SqlTypeName.VARCHAR));

    static final SqlFunction GET_BY_KEY = function("JSON_GET_BY_KEY", TEXT_OR_NULL, JsonText.class, "getByKey",
            List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
            List.of(SqlTypeName.VARCHAR, SqlTypeName.VARCHAR));

    static final SqlFunction GET_BY_INDEX = function("JSON_GET_BY_INDEX", TEXT_OR_NULL, JsonText.class, "getByIndex",
            List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER),
            List.of(SqlTypeName.VARCHAR, SqlTypeName.INTEGER));

    static final SqlFunction GET_TEXT_BY_KEY = function("JSON_GET_TEXT_BY_KEY", TEXT_OR_NULL, JsonText.class,
            "getTextByKey", List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
            List.of(SqlTypeName.VARCHAR, SqlTypeName.VARCHAR));

    static final SqlFunction GET_TEXT_BY_INDEX = function("JSON_GET_TEXT_BY_INDEX", TEXT_OR_NULL, JsonText.class,
            "getTextByIndex", List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.INTEGER),
            List.of(SqlTypeName.VARCHAR, SqlTypeName.INTEGER));

    /** A string as a timestamptz ({@link TimestampTzText#parse}): offsets are honoured, none means UTC. */
    static final SqlFunction TIMESTAMPTZ_IN = function("TIMESTAMPTZ_IN",
            ReturnTypes.explicit(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3).andThen(SqlTypeTransforms.TO_NULLABLE),
            TimestampTzText.class, "parseMillis", List.of(SqlTypeFamily.CHARACTER), List.of(SqlTypeName.VARCHAR));

    /** A timestamptz as PostgreSQL prints it in UTC: {@code 2024-02-29 11:45:30.5+00}. */
    static final SqlFunction TIMESTAMPTZ_TEXT = function("TIMESTAMPTZ_TEXT", ReturnTypes.VARCHAR_NULLABLE,
            TimestampTzText.class, "formatMillis", List.of(SqlTypeFamily.TIMESTAMP),
            List.of(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE));

    private static SqlFunction function(String name, SqlReturnTypeInference returns, Class<?> type, String method,
                                        List<SqlTypeFamily> families, List<SqlTypeName> arguments) {
        return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, returns,
                InferTypes.VARCHAR_1024, // a parameter ({@code ?::jsonb}) is text
                OperandTypes.operandMetadata(families, types -> arguments.stream()
                                .map(types::createSqlType).toList(), i -> "x" + i, i -> false),
                ScalarFunctionImpl.create(type, method));
    }
}
