package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TypeNames;
import io.shardsql.sql.catalog.SqlType.Kind;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Column types as written in DDL → {@link SqlType}.
 *
 * <pre>
 * BOOLEAN                      BOOLEAN
 * SMALLINT, INTEGER/INT, BIGINT  the same (Java Long)
 * DECIMAL/NUMERIC              unbounded: any precision, any scale, kept as given (PostgreSQL's NUMERIC)
 * DECIMAL(p) / DECIMAL(p, s)   p in 1..1000, s in 0..p; DECIMAL(p) has scale 0 (SQL standard)
 * REAL                         REAL (Float)
 * DOUBLE [PRECISION], FLOAT    DOUBLE (FLOAT is double precision, as in PostgreSQL)
 * VARCHAR, TEXT                VARCHAR, unbounded;   VARCHAR(n): at most n characters
 * CHAR                         CHAR(1) (SQL standard); CHAR(n)
 * VARBINARY, BYTEA             VARBINARY, unbounded; VARBINARY(n)
 * DATE, TIME, TIMESTAMP        the same; a fractional-seconds precision is accepted and not enforced
 * TIMESTAMP WITH [LOCAL] TIME ZONE, TIMESTAMPTZ   TIMESTAMPTZ (an instant)
 * JSON, JSONB                  JSON (text as written, validated), JSONB (normalized text)
 * </pre>
 *
 * Other types Calcite parses (TINYINT, BINARY, intervals, time zones, collections...) are
 * {@code 0A000}; a name that is no type at all is {@code 42704}.
 */
final class TypeMapping {
    static final int MAX_DECIMAL_PRECISION = 1000;

    private TypeMapping() {}

    static SqlType of(SqlDataTypeSpec spec, String column) {
        if (spec.getCollectionsTypeName() != null || !(spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic)) {
            String name = spec.getTypeName().toString().toLowerCase(java.util.Locale.ROOT);
            SqlType named = spec.getCollectionsTypeName() == null ? TypeNames.byName(name) : null;
            if (named != null) return named;
            throw new ShardSqlException(ErrorCode.UNDEFINED_OBJECT, "type \"" + name + "\" of column \"" + column
                    + "\" does not exist");
        }
        SqlTypeName name = SqlTypeName.get(spec.getTypeName().getSimple());
        int p = basic.getPrecision();
        int s = basic.getScale();
        if (name == null) throw unsupported(spec, column);
        return switch (name) {
            case BOOLEAN -> SqlType.of(Kind.BOOLEAN);
            case SMALLINT -> SqlType.of(Kind.SMALLINT);
            case INTEGER -> SqlType.of(Kind.INTEGER);
            case BIGINT -> SqlType.of(Kind.BIGINT);
            case DECIMAL -> decimal(p, s, column);
            case REAL -> SqlType.of(Kind.REAL);
            case FLOAT, DOUBLE -> SqlType.of(Kind.DOUBLE);
            case VARCHAR -> new SqlType(Kind.VARCHAR, length(p, 0, column), 0);
            case CHAR -> new SqlType(Kind.CHAR, length(p, 1, column), 0);
            case VARBINARY -> new SqlType(Kind.VARBINARY, length(p, 0, column), 0);
            case DATE -> SqlType.of(Kind.DATE);
            case TIME -> SqlType.of(Kind.TIME);
            case TIMESTAMP -> SqlType.of(Kind.TIMESTAMP);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> SqlType.of(Kind.TIMESTAMPTZ);
            // no UUID type yet: a UUID column stores the 36-character text form (docs/sql.md, "Types")
            case UUID -> new SqlType(Kind.CHAR, 36, 0);
            default -> throw unsupported(spec, column);
        };
    }

    private static SqlType decimal(int p, int s, String column) {
        if (p < 0) return SqlType.decimal(0, 0);
        if (p < 1 || p > MAX_DECIMAL_PRECISION) {
            throw new ShardSqlException(ErrorCode.INVALID_TABLE_DEFINITION,
                    "DECIMAL precision " + p + " of column \"" + column
                    + "\" must be between 1 and " + MAX_DECIMAL_PRECISION);
        }
        int scale = Math.max(s, 0);
        if (scale > p) {
            throw new ShardSqlException(ErrorCode.INVALID_TABLE_DEFINITION,
                    "DECIMAL scale " + scale + " of column \"" + column
                    + "\" must be between 0 and precision " + p);
        }
        return SqlType.decimal(p, scale);
    }

    private static int length(int p, int unspecified, String column) {
        if (p < 0) return unspecified;
        if (p < 1) {
            throw new ShardSqlException(ErrorCode.INVALID_TABLE_DEFINITION, "length of column \"" + column
                    + "\" must be at least 1");
        }
        return p;
    }

    private static ShardSqlException unsupported(SqlDataTypeSpec spec, String column) {
        return new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                "type " + spec.getTypeName() + " of column \"" + column
                + "\" is not supported");
    }
}
