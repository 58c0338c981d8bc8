package io.shardsql.sql.exec;

import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.List;

/** EXPLAIN's result: one VARCHAR column {@code plan}, one row per line of the plan. */
final class ExplainResult {
    private static final RelDataType ROW_TYPE;

    static {
        SqlTypeFactoryImpl f = new SqlTypeFactoryImpl(RelDataTypeSystem.DEFAULT);
        ROW_TYPE = f.builder().add("plan", f.createSqlType(SqlTypeName.VARCHAR)).build();
    }

    private ExplainResult() {}

    static StatementResult.Rows of(List<Object[]> lines) {
        RowCursor cursor = new RowCursor(Linq4j.enumerator(lines), ROW_TYPE, () -> { }, () -> { });
        return new StatementResult.Rows(ROW_TYPE.getFieldList().stream().map(ResultColumn::of).toList(), cursor);
    }
}
