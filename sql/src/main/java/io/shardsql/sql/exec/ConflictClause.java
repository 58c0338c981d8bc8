package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.calcite.OnConflict;
import io.shardsql.sql.calcite.ShardTable;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlInsertOnConflict;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads an INSERT's conflict handling: {@code UPSERT} replaces the stored row; {@code ON CONFLICT
 * [(pk)] DO NOTHING} skips it; {@code ON CONFLICT (pk) DO UPDATE SET col = EXCLUDED.col | literal, ...}
 * updates it. The conflict target must be the primary key; SET values other than {@code EXCLUDED}
 * columns and literals, and a WHERE on DO UPDATE, are refused (0A000) rather than half done.
 */
final class ConflictClause {
    private ConflictClause() {}

    static OnConflict of(SqlNode statement, CalciteSchema schema) {
        if (!(statement instanceof SqlInsert insert)) return OnConflict.ERROR;
        if (insert.isUpsert()) return new OnConflict(OnConflict.Action.REPLACE, Map.of());
        if (!(insert instanceof SqlInsertOnConflict c)) return OnConflict.ERROR;
        TableDef def = table(insert, schema);
        if (c.conflictTarget() != null && c.conflictTarget().size() > 0) {
            Set<String> target = new TreeSet<>();
            for (SqlNode n : c.conflictTarget()) target.add(((SqlIdentifier) n).getSimple());
            Set<String> key = new TreeSet<>(def.primaryKeyColumns().stream().map(ColumnDef::name).toList());
            if (!target.equals(key)) {
                throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                        "ON CONFLICT " + target + ": the conflict target must be the primary key " + key + " of " + def.name());
            }
        }
        if (c.action() == SqlInsertOnConflict.Action.NOTHING) return new OnConflict(OnConflict.Action.NOTHING, Map.of());
        if (c.condition() != null) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "ON CONFLICT DO UPDATE ... WHERE is not supported");
        }
        Map<Integer, OnConflict.Assignment> assignments = new HashMap<>();
        List<SqlIdentifier> columns = c.updateColumns();
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.get(i).getSimple();
            ColumnDef col = def.column(name).orElseThrow(() -> new ShardSqlException(ErrorCode.UNDEFINED_COLUMN,
                    "column \"" + name + "\" of relation \"" + def.name() + "\" does not exist"));
            if (def.primaryKey().contains(col.id())) {
                throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "ON CONFLICT DO UPDATE cannot change the primary key column " + name);
            }
            assignments.put(def.position(col.id()), assignment(c.updateValues().get(i), def, col));
        }
        return new OnConflict(OnConflict.Action.UPDATE, assignments);
    }

    private static OnConflict.Assignment assignment(SqlNode value, TableDef def, ColumnDef target) {
        if (value instanceof SqlIdentifier id && id.names.size() == 2 && id.names.get(0).equals("excluded")) {
            ColumnDef source = def.column(id.names.get(1)).orElseThrow(() -> new ShardSqlException(ErrorCode.UNDEFINED_COLUMN,
                    "column excluded." + id.names.get(1) + " does not exist"));
            return OnConflict.Assignment.excluded(def.position(source.id()));
        }
        if (value instanceof SqlLiteral literal) return OnConflict.Assignment.constant(constant(literal, target));
        throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                "ON CONFLICT DO UPDATE SET " + target.name() + " = " + value + ": only EXCLUDED columns and literals are supported");
    }

    private static Object constant(SqlLiteral literal, ColumnDef target) {
        if (literal.getValue() == null) return null;
        return switch (target.type().kind()) {
            case SMALLINT, INTEGER, BIGINT -> literal.getValueAs(BigDecimal.class).longValueExact();
            case DECIMAL -> literal.getValueAs(BigDecimal.class);
            case REAL -> literal.getValueAs(BigDecimal.class).floatValue();
            case DOUBLE -> literal.getValueAs(BigDecimal.class).doubleValue();
            case VARCHAR, CHAR -> literal.getValueAs(String.class);
            case BOOLEAN -> literal.getValueAs(Boolean.class);
            default -> throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "ON CONFLICT DO UPDATE SET of a " + target.type() + " literal is not supported; use EXCLUDED." + target.name());
        };
    }

    private static TableDef table(SqlInsert insert, CalciteSchema schema) {
        String name = ((SqlIdentifier) insert.getTargetTable()).names.get(((SqlIdentifier) insert.getTargetTable()).names.size() - 1);
        CalciteSchema.TableEntry entry = schema.getTable(name, true);
        if (entry == null) throw new ShardSqlException(ErrorCode.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        return ((ShardTable) entry.getTable()).def();
    }
}
