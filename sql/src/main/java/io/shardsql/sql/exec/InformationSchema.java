package io.shardsql.sql.exec;

import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CheckDef;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.ForeignKeyDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.SequenceDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.catalog.ViewDef;
import io.shardsql.sql.exec.SystemSchema.SystemTable;
import io.shardsql.sql.privilege.Access;
import io.shardsql.sql.privilege.Grants;
import io.shardsql.sql.privilege.Privilege;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.shardsql.sql.exec.SystemSchema.col;

/**
 * The {@code information_schema} schema: PostgreSQL's catalog views over the catalog version the statement
 * plans against, with PostgreSQL's table and column names. User tables and views are in schema
 * {@code public}; a viewer sees the same tables as in {@code sys.tables} ({@link Access#sees}), the
 * definition of the views it owns and the sequences it has a privilege on. {@code table_catalog} and the other
 * catalog columns are NULL: a cluster has one database, which has no name (the driver's
 * {@code getCatalog()} is null too). The views, their columns and what ShardSQL leaves out: docs/sql.md,
 * "information_schema".
 */
final class InformationSchema extends AbstractSchema {
    /** The schema's name. */
    static final String NAME = "information_schema";

    private static final SqlTypeName TEXT = SqlTypeName.VARCHAR;
    private static final SqlTypeName INT = SqlTypeName.INTEGER;

    private final Map<String, Table> tables = new LinkedHashMap<>();

    InformationSchema(CatalogSnapshot catalog) {
        tables.put("schemata", new SystemTable(List.of(col("catalog_name", TEXT), col("schema_name", TEXT),
                col("schema_owner", TEXT)), () -> List.of(
                        new Object[] {null, PlanningSchema.PUBLIC, Grants.ADMIN},
                        new Object[] {null, "sys", Grants.ADMIN},
                        new Object[] {null, NAME, Grants.ADMIN})));
        tables.put("tables", new SystemTable(List.of(col("table_catalog", TEXT), col("table_schema", TEXT),
                col("table_name", TEXT), col("table_type", TEXT)), viewer -> {
            Map<String, String> byName = new TreeMap<>();
            for (TableDef t : catalog.tables().values()) byName.put(t.name(), "BASE TABLE");
            for (ViewDef v : catalog.views().values()) byName.put(v.name(), "VIEW");
            List<Object[]> rows = new ArrayList<>();
            byName.forEach((name, type) -> {
                if (viewer.sees(name)) rows.add(new Object[] {null, PlanningSchema.PUBLIC, name, type});
            });
            return rows;
        }));
        tables.put("columns", columnsTable(catalog));
        tables.put("views", new SystemTable(List.of(col("table_catalog", TEXT), col("table_schema", TEXT),
                col("table_name", TEXT), col("view_definition", TEXT)), viewer -> {
            List<Object[]> rows = new ArrayList<>();
            for (ViewDef v : new TreeMap<>(catalog.views()).values()) {
                if (viewer.sees(v.name())) {
                    rows.add(new Object[] {null, PlanningSchema.PUBLIC, v.name(),
                            viewer.mayAlter(v.name()) ? v.sql() : null}); // PostgreSQL: the owner's only
                }
            }
            return rows;
        }));
        tables.put("table_constraints", constraintsTable(catalog));
        tables.put("key_column_usage", keyColumnsTable(catalog));
        tables.put("referential_constraints", ForeignKeyViews.referentialConstraints(catalog));
        tables.put("sequences", sequencesTable(catalog));
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }

    private static SystemTable columnsTable(CatalogSnapshot catalog) {
        return new SystemTable(List.of(col("table_catalog", TEXT), col("table_schema", TEXT),
                col("table_name", TEXT), col("column_name", TEXT), col("ordinal_position", INT),
                col("column_default", TEXT), col("is_nullable", TEXT), col("data_type", TEXT),
                col("character_maximum_length", INT), col("numeric_precision", INT), col("numeric_scale", INT),
                col("is_identity", TEXT)), viewer -> {
            List<Object[]> rows = new ArrayList<>();
            for (TableDef t : visibleTables(catalog, viewer)) {
                for (int i = 0; i < t.columns().size(); i++) {
                    ColumnDef c = t.columns().get(i);
                    boolean nullable = c.nullable() && !t.primaryKey().contains(c.id());
                    String dflt = c.defaultExpr() != null ? c.defaultExpr().sql()
                            : c.defaultValue() == null ? null : String.valueOf(c.defaultValue());
                    rows.add(columnRow(t.name(), c.name(), i + 1, dflt, nullable, PostgresTypeNames.of(c.type()),
                            c.identity() != ColumnDef.Identity.NONE));
                }
            }
            for (ViewDef v : new TreeMap<>(catalog.views()).values()) {
                if (!viewer.sees(v.name())) continue;
                for (int i = 0; i < v.columns().size(); i++) {
                    ViewDef.Column c = v.columns().get(i);
                    rows.add(columnRow(v.name(), c.name(), i + 1, null, true, PostgresTypeNames.ofTypeText(c.type()),
                            false));
                }
            }
            return rows;
        });
    }

    private static Object[] columnRow(String table, String column, int position, String dflt, boolean nullable,
                                      PostgresTypeNames type, boolean identity) {
        return new Object[] {null, PlanningSchema.PUBLIC, table, column, position, dflt, yesNo(nullable),
                type.dataType(), type.characterMaxLength(), type.numericPrecision(), type.numericScale(),
                yesNo(identity)};
    }

    /** PRIMARY KEY ({@code <table>_pkey}; none for a table with a hidden row id), UNIQUE, FOREIGN KEY and CHECK. */
    private static SystemTable constraintsTable(CatalogSnapshot catalog) {
        return new SystemTable(List.of(col("constraint_catalog", TEXT), col("constraint_schema", TEXT),
                col("constraint_name", TEXT), col("table_catalog", TEXT), col("table_schema", TEXT),
                col("table_name", TEXT), col("constraint_type", TEXT)), viewer -> {
            List<Object[]> rows = new ArrayList<>();
            for (TableDef t : visibleTables(catalog, viewer)) {
                if (!t.hasHiddenRowId()) rows.add(constraintRow(primaryKeyName(t), t, "PRIMARY KEY"));
                for (IndexDef ix : t.indexes()) if (ix.constraint()) rows.add(constraintRow(ix.name(), t, "UNIQUE"));
                for (ForeignKeyDef f : t.foreignKeys()) rows.add(constraintRow(f.name(), t, "FOREIGN KEY"));
                for (CheckDef c : t.checks()) rows.add(constraintRow(c.name(), t, "CHECK"));
            }
            return rows;
        });
    }

    private static Object[] constraintRow(String name, TableDef t, String type) {
        return new Object[] {null, PlanningSchema.PUBLIC, name, null, PlanningSchema.PUBLIC, t.name(), type};
    }

    /**
     * The columns of every PRIMARY KEY, UNIQUE and FOREIGN KEY constraint, in the constraint's order; for a
     * FOREIGN KEY's column, {@code position_in_unique_constraint} is the position of the column it references in
     * the referenced key (NULL for the others).
     */
    private static SystemTable keyColumnsTable(CatalogSnapshot catalog) {
        return new SystemTable(List.of(col("constraint_catalog", TEXT), col("constraint_schema", TEXT),
                col("constraint_name", TEXT), col("table_catalog", TEXT), col("table_schema", TEXT),
                col("table_name", TEXT), col("column_name", TEXT), col("ordinal_position", INT),
                col("position_in_unique_constraint", INT)), viewer -> {
            List<Object[]> rows = new ArrayList<>();
            for (TableDef t : visibleTables(catalog, viewer)) {
                if (!t.hasHiddenRowId()) keyRows(rows, primaryKeyName(t), t, t.primaryKey(), null);
                for (IndexDef ix : t.indexes()) if (ix.constraint()) keyRows(rows, ix.name(), t, ix.columnIds(), null);
                for (ForeignKeyDef f : t.foreignKeys()) {
                    keyRows(rows, f.name(), t, f.columnIds(), ForeignKeyViews.positionsInKey(catalog, f));
                }
            }
            return rows;
        });
    }

    private static void keyRows(List<Object[]> rows, String constraint, TableDef t, List<Integer> columnIds,
                                List<Integer> positionsInKey) {
        for (int i = 0; i < columnIds.size(); i++) {
            rows.add(new Object[] {null, PlanningSchema.PUBLIC, constraint, null, PlanningSchema.PUBLIC, t.name(),
                    t.columnById(columnIds.get(i)).name(), i + 1,
                    positionsInKey == null ? null : positionsInKey.get(i)});
        }
    }

    /** The sequences the viewer has a privilege on (or owns), every value as text as PostgreSQL shows it. */
    private static SystemTable sequencesTable(CatalogSnapshot catalog) {
        return new SystemTable(List.of(col("sequence_catalog", TEXT), col("sequence_schema", TEXT),
                col("sequence_name", TEXT), col("data_type", TEXT), col("numeric_precision", INT),
                col("numeric_precision_radix", INT), col("numeric_scale", INT), col("start_value", TEXT),
                col("minimum_value", TEXT), col("maximum_value", TEXT), col("increment", TEXT),
                col("cycle_option", TEXT)), viewer -> {
            List<Object[]> rows = new ArrayList<>();
            for (SequenceDef s : new TreeMap<>(catalog.sequences()).values()) {
                if (!viewer.mayOnSequence(s.name(), s.ownedBy(), Privilege.SELECT, Privilege.UPDATE, Privilege.USAGE)) {
                    continue;
                }
                rows.add(new Object[] {null, PlanningSchema.PUBLIC, s.name(), "bigint", 64, 2, 0,
                        Long.toString(s.start()), Long.toString(s.min()), Long.toString(s.max()),
                        Long.toString(s.increment()), "NO"});
            }
            return rows;
        });
    }

    static List<TableDef> visibleTables(CatalogSnapshot catalog, Access viewer) {
        return catalog.sortedTables().stream().filter(t -> viewer.sees(t.name())).toList();
    }

    /** PostgreSQL's name for a primary key that CREATE TABLE does not name. */
    static String primaryKeyName(TableDef t) {
        return t.name() + "_pkey";
    }

    private static String yesNo(boolean b) {
        return b ? "YES" : "NO";
    }
}
