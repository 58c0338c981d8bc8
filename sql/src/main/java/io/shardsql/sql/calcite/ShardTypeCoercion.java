package io.shardsql.sql.calcite;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

import java.util.ArrayList;
import java.util.List;

/**
 * Calcite's implicit casts, with two taken away where PostgreSQL has none:
 * <ul>
 *   <li>A string assigned to a CHAR(n) column (INSERT, UPDATE SET) is not cast to CHAR(n): that cast
 *       cuts a too-long string silently, and PostgreSQL refuses the value (22001). The string goes to
 *       the writer as it is; {@link io.shardsql.sql.rows.RowChecker} checks its length and pads it.
 *       Casts the converter still adds are taken off by {@link InsertRows}.</li>
 *   <li>A BOOLEAN is not compared with a number ({@code id = TRUE} was {@code id = 1}): PostgreSQL
 *       has no such operator (42883).</li>
 * </ul>
 */
public final class ShardTypeCoercion extends TypeCoercionImpl {
    public ShardTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
        super(typeFactory, validator);
    }

    @Override
    public boolean querySourceCoercion(SqlValidatorScope scope, RelDataType sourceRowType, RelDataType targetRowType,
                                       SqlNode query) {
        List<RelDataTypeField> sources = sourceRowType.getFieldList();
        List<RelDataTypeField> targets = targetRowType.getFieldList();
        if (sources.size() != targets.size()) return super.querySourceCoercion(scope, sourceRowType, targetRowType,
                query);
        List<RelDataType> types = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            RelDataType source = sources.get(i).getType();
            RelDataType target = targets.get(i).getType();
            types.add(isCharColumn(target) && SqlTypeUtil.isCharacter(source)
                    ? factory.createTypeWithNullability(source, target.isNullable()) : target);
        }
        RelDataType keepingStrings = factory.createStructType(types, targetRowType.getFieldNames());
        return super.querySourceCoercion(scope, sourceRowType, keepingStrings, query);
    }

    @Override
    protected boolean booleanEquality(SqlCallBinding binding, RelDataType left, RelDataType right) {
        return false;
    }

    static boolean isCharColumn(RelDataType type) {
        return type.getSqlTypeName() == SqlTypeName.CHAR;
    }
}
