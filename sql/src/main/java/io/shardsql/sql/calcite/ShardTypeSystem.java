package io.shardsql.sql.calcite;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with DECIMAL holding up to 38 digits (Calcite's default is 19).
 *
 * <p>Not changed: Calcite types a CASE (or UNION) of string literals of different lengths as a CHAR
 * padded with blanks ({@code CASE ... THEN 'yes' ELSE 'unknown'} gives {@code 'yes    '}); PostgreSQL
 * gives text. Calcite's switch for that ({@code shouldConvertRaggedUnionTypesToVarying}) also makes
 * comparisons of CHAR(n) columns with shorter literals VARCHAR comparisons, so {@code c = 'ab'} would
 * no longer find {@code 'ab  '} — a wrong WHERE is worse than padded output.
 */
public final class ShardTypeSystem extends RelDataTypeSystemImpl {
    public static final ShardTypeSystem INSTANCE = new ShardTypeSystem();

    static final int MAX_DECIMAL_DIGITS = 38;

    private ShardTypeSystem() {}

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_DIGITS : super.getMaxPrecision(typeName);
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_DIGITS : super.getMaxScale(typeName);
    }
}
