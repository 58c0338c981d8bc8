package io.shardsql.sql.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

import java.math.RoundingMode;

/**
 * Calcite's type system with DECIMAL holding up to 38 digits (Calcite's default is 19), and products of
 * wide decimals that keep their integer digits.
 *
 * <p>Not changed: Calcite types a UNION of string literals of different lengths as a CHAR padded with
 * blanks; PostgreSQL gives text. Calcite's switch for that ({@code shouldConvertRaggedUnionTypesToVarying})
 * also makes comparisons of CHAR(n) columns with shorter literals VARCHAR comparisons, so {@code c = 'ab'}
 * would no longer find {@code 'ab  '} — a wrong WHERE is worse than padded output. A CASE's string
 * results are made VARCHARs before validation instead ({@code io.shardsql.sql.exec.CaseLiterals}).
 */
public final class ShardTypeSystem extends RelDataTypeSystemImpl {
    public static final ShardTypeSystem INSTANCE = new ShardTypeSystem();

    static final int MAX_DECIMAL_DIGITS = 38;

    /** The scale Calcite sees for a NUMERIC column declared without precision ({@link ShardTypes}). */
    static final int UNBOUNDED_DECIMAL_SCALE = 18;

    /** The fewest fraction digits a product keeps when its exact type would need more than 38 digits. */
    private static final int MIN_PRODUCT_SCALE = 6;

    /** The fraction digits of the average of exact numbers (PostgreSQL's numeric division gives 16). */
    private static final int AVG_SCALE = 16;

    private ShardTypeSystem() {}

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_DIGITS : super.getMaxPrecision(typeName);
    }

    /**
     * A product of decimals whose exact type needs more than 38 digits keeps its integer digits and gives
     * up fraction digits (down to 6), as SQL Server and Spark do. Calcite's default caps precision and
     * scale separately, so NUMERIC × NUMERIC — DECIMAL(38, 18) each — became DECIMAL(38, 36) and
     * overflowed at 100.
     */
    @Override
    public RelDataType deriveDecimalMultiplyType(RelDataTypeFactory typeFactory, RelDataType type1, RelDataType type2) {
        RelDataType calcite = super.deriveDecimalMultiplyType(typeFactory, type1, type2);
        if (calcite == null || RelDataTypeFactoryImpl.isJavaType(type1)
                || RelDataTypeFactoryImpl.isJavaType(type2)) return calcite;
        int precision = type1.getPrecision() + type2.getPrecision();
        int scale = type1.getScale() + type2.getScale();
        if (precision <= MAX_DECIMAL_DIGITS) return calcite;
        int integerDigits = precision - scale;
        int keptScale = Math.max(MAX_DECIMAL_DIGITS - integerDigits, Math.min(scale, MIN_PRODUCT_SCALE));
        return typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL_DIGITS, Math.min(keptScale, scale));
    }

    /**
     * Casts to a DECIMAL with fewer fraction digits, and of fractions to integers, round half away from
     * zero, as PostgreSQL does ({@code CAST(1.005 AS DECIMAL(10, 2))} is 1.01); Calcite's default cuts.
     */
    @Override
    public RoundingMode roundingMode() {
        return RoundingMode.HALF_UP;
    }

    /**
     * {@code avg} of an exact number is an exact number with (at least) 16 fraction digits, as
     * PostgreSQL's numeric average: {@code avg} of 17 and 18 is 17.5000000000000000. Calcite's default
     * keeps the argument's type, so the average of INTEGERs was cut to an INTEGER (17).
     */
    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        if (!SqlTypeUtil.isExactNumeric(argumentType)) return super.deriveAvgAggType(typeFactory, argumentType);
        int scale = Math.max(AVG_SCALE,
                argumentType.getSqlTypeName() == SqlTypeName.DECIMAL ? argumentType.getScale() : 0);
        RelDataType type = typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL_DIGITS, scale);
        return typeFactory.createTypeWithNullability(type, argumentType.isNullable());
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_DIGITS : super.getMaxScale(typeName);
    }
}
