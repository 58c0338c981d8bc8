package io.shardsql.sql.calcite;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system with PostgreSQL's habits where users notice them: DECIMAL holds up to 38
 * digits (Calcite's default is 19), and the branches of a CASE or a UNION of strings of different
 * lengths give a VARCHAR, not a CHAR padded with blanks ({@code CASE ... THEN 'yes' ELSE 'unknown'}
 * returns {@code 'yes'}).
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

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
