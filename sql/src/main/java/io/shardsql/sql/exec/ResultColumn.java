package io.shardsql.sql.exec;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

import java.sql.Types;

/**
 * A result column as a client describes it: its name, its JDBC type ({@link java.sql.Types}) and SQL
 * type name, precision, scale and whether it may be NULL.
 */
public record ResultColumn(String name, int jdbcType, String typeName, int precision, int scale, boolean nullable) {

    static ResultColumn of(RelDataTypeField f) {
        RelDataType t = f.getType();
        if (t.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
            // an instant on the wire as its UTC date-time (a TIMESTAMP value); the driver reads it as such
            return new ResultColumn(f.getName(), Types.TIMESTAMP_WITH_TIMEZONE, "TIMESTAMPTZ",
                    Math.max(0, t.getPrecision()), 0, t.isNullable());
        }
        return new ResultColumn(f.getName(), t.getSqlTypeName().getJdbcOrdinal(), t.getSqlTypeName().getName(),
                t.getPrecision() < 0 ? 0 : t.getPrecision(), t.getScale() < 0 ? 0 : Math.max(0, t.getScale()),
                t.isNullable());
    }
}
