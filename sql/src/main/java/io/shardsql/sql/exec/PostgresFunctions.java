package io.shardsql.sql.exec;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.util.List;

/**
 * Functions PostgreSQL users call that Calcite has under another library or types differently; looked
 * up before Calcite's own ({@link Operators}). Most are one of Calcite's operators (so their generated
 * code is Calcite's), with PostgreSQL's name or result type:
 * <ul>
 *   <li>{@code round(x [, n])}, {@code trunc(x [, n])} of a DECIMAL have scale {@code n} (0 without
 *       it), as in PostgreSQL ({@code round(2.567, 2)} is 2.57, not 2.570).</li>
 *   <li>{@code reverse(s)}.</li>
 *   <li>{@code log10(x)}, computed by {@link PostgresMath#log10} (exact at powers of ten).</li>
 * </ul>
 */
final class PostgresFunctions {
    private PostgresFunctions() {}

    /** A DECIMAL argument rounded or cut to {@code n} fraction digits: DECIMAL(p - s + 1 + n, n). */
    private static final SqlReturnTypeInference SCALE_OF_DIGITS = binding -> {
        RelDataType arg = binding.getOperandType(0);
        if (arg.getSqlTypeName() != SqlTypeName.DECIMAL) return ReturnTypes.ARG0_NULLABLE.inferReturnType(binding);
        Integer digits = digits(binding);
        if (digits == null) return ReturnTypes.ARG0_NULLABLE.inferReturnType(binding);
        int max = binding.getTypeFactory().getTypeSystem().getMaxPrecision(SqlTypeName.DECIMAL);
        int scale = Math.min(Math.max(digits, 0), max);
        int precision = Math.min(max, Math.max(1, arg.getPrecision() - arg.getScale() + 1 + scale));
        RelDataType type = binding.getTypeFactory().createSqlType(SqlTypeName.DECIMAL, precision,
                Math.min(scale, precision));
        return binding.getTypeFactory().createTypeWithNullability(type, arg.isNullable()
                || binding.getOperandCount() > 1 && binding.getOperandType(1).isNullable());
    };

    /** The number of digits asked for: 0 without a second argument, null when it is not a literal. */
    private static Integer digits(SqlOperatorBinding binding) {
        if (binding.getOperandCount() < 2) return 0;
        if (!binding.isOperandLiteral(1, false)) return null;
        return binding.getOperandLiteralValue(1, Integer.class);
    }

    static final SqlFunction ROUND = ((SqlBasicFunction) SqlStdOperatorTable.ROUND)
            .withReturnTypeInference(SCALE_OF_DIGITS);

    static final SqlFunction TRUNC = ((SqlBasicFunction) SqlLibraryOperators.TRUNC_BIG_QUERY)
            .withReturnTypeInference(SCALE_OF_DIGITS);

    static final SqlFunction LOG10 = ownFunction("LOG10", ReturnTypes.DOUBLE_NULLABLE, SqlTypeFamily.NUMERIC,
            SqlTypeName.DOUBLE, "log10");

    /** A TIMESTAMP as text without trailing zeros in the fraction ({@link PostgresMath#timestampText}); for casts. */
    static final SqlFunction TIMESTAMP_TEXT = ownFunction("TIMESTAMP_TEXT", ReturnTypes.VARCHAR_NULLABLE,
            SqlTypeFamily.TIMESTAMP, SqlTypeName.TIMESTAMP, "timestampText");

    /** A TIME as text, likewise ({@link PostgresMath#timeText}); for casts. */
    static final SqlFunction TIME_TEXT = ownFunction("TIME_TEXT", ReturnTypes.VARCHAR_NULLABLE, SqlTypeFamily.TIME,
            SqlTypeName.TIME, "timeText");

    /**
     * A function of one argument of {@code family} whose generated code calls {@code method} of
     * {@link PostgresMath}.
     */
    private static SqlFunction ownFunction(String name, SqlReturnTypeInference returns, SqlTypeFamily family,
                                           SqlTypeName argument, String method) {
        return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, returns,
                InferTypes.FIRST_KNOWN,
                OperandTypes.operandMetadata(List.of(family), types -> List.of(types.createSqlType(argument)),
                        i -> "x", i -> false),
                ScalarFunctionImpl.create(PostgresMath.class, method));
    }

    static final List<SqlFunction> ALL = List.of(ROUND, TRUNC, SqlLibraryOperators.REVERSE, LOG10);
}
