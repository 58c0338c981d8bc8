package io.shardsql.sql.exec;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Result columns named as PostgreSQL names them where Calcite would say {@code EXPR$n}: a function call
 * (aggregates included) by its function ({@code count(*)} → {@code count}), a CAST by its type's
 * PostgreSQL name ({@code int4}, {@code varchar}, ...), a CASE {@code case}, anything else
 * {@code ?column?}. Columns that are named (an alias, a column) keep their names; a set operation takes
 * its first query's. Names may repeat, as in PostgreSQL ({@code SELECT count(*), count(x)}).
 */
final class ColumnNames {
    private static final Pattern CALCITE_NAME = Pattern.compile("EXPR\\$\\d+");
    private static final String UNNAMED = "?column?";
    private static final Map<String, String> TYPE_NAMES = Map.ofEntries(Map.entry("INTEGER", "int4"),
            Map.entry("BIGINT", "int8"), Map.entry("SMALLINT", "int2"), Map.entry("DECIMAL", "numeric"),
            Map.entry("NUMERIC", "numeric"), Map.entry("DOUBLE", "float8"), Map.entry("FLOAT", "float8"),
            Map.entry("REAL", "float4"), Map.entry("BOOLEAN", "bool"), Map.entry("VARCHAR", "varchar"),
            Map.entry("CHAR", "bpchar"), Map.entry("DATE", "date"), Map.entry("TIME", "time"),
            Map.entry("TIMESTAMP", "timestamp"), Map.entry("VARBINARY", "bytea"));

    private ColumnNames() {}

    /** {@code rowType} of the validated query {@code query}, its {@code EXPR$n} columns renamed. */
    static RelDataType rename(SqlNode query, RelDataType rowType, RelDataTypeFactory types) {
        SqlSelect select = firstSelect(query);
        if (select == null) return rowType;
        SqlNodeList items = select.getSelectList();
        List<RelDataTypeField> fields = rowType.getFieldList();
        if (items == null || items.size() != fields.size()) return rowType;
        List<String> names = new ArrayList<>(fields.size());
        boolean changed = false;
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).getName();
            if (CALCITE_NAME.matcher(name).matches()) {
                name = nameOf(items.get(i));
                changed = true;
            }
            names.add(name);
        }
        if (!changed) return rowType;
        return types.createStructType(fields.stream().map(RelDataTypeField::getType).toList(), names);
    }

    private static SqlSelect firstSelect(SqlNode node) {
        if (node instanceof SqlSelect s) return s;
        if (node instanceof SqlOrderBy o) return firstSelect(o.query);
        if (node instanceof SqlWith w) return firstSelect(w.body);
        if (node instanceof SqlCall call && call.getKind().belongsTo(SqlKind.SET_QUERY)) {
            return firstSelect(call.operand(0));
        }
        return null;
    }

    private static String nameOf(SqlNode item) {
        SqlNode e = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
        if (e.getKind() == SqlKind.CAST && e instanceof SqlBasicCall cast
                && cast.operand(1) instanceof SqlDataTypeSpec type) {
            return TYPE_NAMES.getOrDefault(type.getTypeName().getSimple().toUpperCase(Locale.ROOT), UNNAMED);
        }
        if (e.getKind() == SqlKind.CASE) return "case";
        if (e instanceof SqlCall call && call.getOperator() instanceof SqlFunction f) {
            return f.getName().toLowerCase(Locale.ROOT);
        }
        return UNNAMED;
    }
}
