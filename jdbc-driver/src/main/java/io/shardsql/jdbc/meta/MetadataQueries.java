package io.shardsql.jdbc.meta;

import io.shardsql.protocol.message.ColumnMetadata;
import io.shardsql.protocol.value.Row;
import io.shardsql.protocol.value.Value;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The catalog answers of {@code DatabaseMetaData}, built by reading ShardSQL's system tables
 * ({@code sys.tables}, {@code sys.columns}, {@code sys.indexes}) and shaping the rows into the column
 * sets JDBC specifies. User tables are reported in schema {@value #USER_SCHEMA}, the system tables in
 * {@value #SYSTEM_SCHEMA} (type {@code SYSTEM TABLE}); there are no catalogs.
 */
final class MetadataQueries {
    static final String USER_SCHEMA = "public";
    static final String SYSTEM_SCHEMA = "sys";
    static final String TABLE = "TABLE";
    static final String SYSTEM_TABLE = "SYSTEM TABLE";
    static final String VIEW = "VIEW";
    /** The tables of the sys schema (docs/sql.md); SQL cannot list them, so they are named here. */
    static final List<String> SYSTEM_TABLES = List.of("columns", "indexes", "nodes", "shards",
            "tables", "transactions");

    private final MetadataSource source;
    private final Connection connection;

    MetadataQueries(MetadataSource source) {
        this.source = source;
        this.connection = source.connection();
    }

    /** One table as the metadata sees it. */
    private record TableRef(String schema, String name, String type) {}

    private ResultSet result(List<ColumnMetadata> columns, List<Row> rows) {
        return source.rows(columns, rows);
    }

    private static Row row(Object... values) {
        Value[] v = new Value[values.length];
        for (int i = 0; i < values.length; i++) v[i] = Value.of(values[i]);
        return Row.of(v);
    }

    /** Rows of a system-table query, as plain Java values. */
    private List<Object[]> query(String sql) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] r = new Object[n];
                for (int i = 0; i < n; i++) r[i] = rs.getObject(i + 1);
                rows.add(r);
            }
        }
        return rows;
    }

    private List<TableRef> tables(String schemaPattern, String tablePattern) throws SQLException {
        NamePattern schemas = NamePattern.of(schemaPattern);
        NamePattern names = NamePattern.of(tablePattern);
        List<TableRef> tables = new ArrayList<>();
        if (schemas.matches(USER_SCHEMA)) {
            // information_schema.tables: the user's tables and views, each as the server sees them
            for (Object[] r : query("SELECT table_name, table_type FROM information_schema.tables")) {
                String name = (String) r[0];
                String type = "VIEW".equals(r[1]) ? VIEW : TABLE;
                if (names.matches(name)) tables.add(new TableRef(USER_SCHEMA, name, type));
            }
        }
        if (schemas.matches(SYSTEM_SCHEMA)) {
            for (String name : SYSTEM_TABLES) {
                if (names.matches(name) && readable(name)) tables.add(new TableRef(SYSTEM_SCHEMA, name, SYSTEM_TABLE));
            }
        }
        tables.sort(Comparator.comparing(TableRef::type).thenComparing(TableRef::schema).thenComparing(TableRef::name));
        return tables;
    }

    /**
     * Whether this connection's user may read system table {@code name}: some are for admins only
     * (docs/security.md), and metadata lists only what the user may read.
     */
    private boolean readable(String name) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM sys." + name + " WHERE 1 = 0")) {
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) throw e;
            return false; // 42501, or a system table this server does not have
        }
    }

    ResultSet getTables(String catalog, String schemaPattern, String tablePattern, String[] types) throws SQLException {
        Set<String> wanted = types == null ? Set.of(TABLE, SYSTEM_TABLE, VIEW) : Set.copyOf(Arrays.asList(types));
        List<Row> rows = new ArrayList<>();
        if (catalog == null || catalog.isEmpty()) {
            for (TableRef t : tables(schemaPattern, tablePattern)) {
                if (wanted.contains(t.type())) {
                    rows.add(row(null, t.schema(), t.name(), t.type(), "", null, null, null, null, null));
                }
            }
        }
        return result(MetadataColumns.TABLES, rows);
    }

    ResultSet getSchemas(String catalog, String schemaPattern) {
        NamePattern p = NamePattern.of(schemaPattern);
        List<Row> rows = new ArrayList<>();
        if (catalog == null || catalog.isEmpty()) {
            for (String s : List.of(USER_SCHEMA, SYSTEM_SCHEMA)) if (p.matches(s)) rows.add(row(s, null));
        }
        return result(MetadataColumns.SCHEMAS, rows);
    }

    ResultSet getCatalogs() {
        return result(MetadataColumns.CATALOGS, List.of());
    }

    ResultSet getTableTypes() {
        return result(MetadataColumns.TABLE_TYPES, List.of(row(SYSTEM_TABLE), row(TABLE), row(VIEW)));
    }

    ResultSet getColumns(String catalog, String schemaPattern, String tablePattern,
            String columnPattern) throws SQLException {
        NamePattern columns = NamePattern.of(columnPattern);
        List<Row> rows = new ArrayList<>();
        if (catalog != null && !catalog.isEmpty()) return result(MetadataColumns.COLUMNS, rows);
        List<TableRef> tables = tables(schemaPattern, tablePattern);
        if (tables.stream().anyMatch(t -> t.schema().equals(USER_SCHEMA))) {
            List<Object[]> all = query("SELECT table_name, column_name, ordinal_position, data_type, is_nullable, "
                    + "column_default FROM sys.columns");
            all.sort(Comparator.comparing((Object[] r) -> (String) r[0])
                    .thenComparing(r -> ((Number) r[2]).intValue()));
            Set<String> names = Set.copyOf(tables.stream().filter(t -> t.schema().equals(USER_SCHEMA))
                    .map(TableRef::name).toList());
            for (Object[] r : all) {
                if (!names.contains((String) r[0]) || !columns.matches((String) r[1])) continue;
                TypeMapping.SqlTypeInfo type = TypeMapping.parse((String) r[3]);
                boolean nullable = Boolean.TRUE.equals(r[4]);
                rows.add(columnRow(USER_SCHEMA, (String) r[0], (String) r[1], type, nullable, (String) r[5],
                        ((Number) r[2]).intValue()));
            }
        }
        for (TableRef t : tables) {
            if (!t.schema().equals(SYSTEM_SCHEMA)) continue;
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery("SELECT * FROM sys." + t.name() + " WHERE 1 = 0")) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    if (!columns.matches(md.getColumnName(i))) continue;
                    TypeMapping.SqlTypeInfo type = new TypeMapping.SqlTypeInfo(md.getColumnTypeName(i),
                            md.getColumnType(i), md.getPrecision(i), md.getScale(i));
                    rows.add(columnRow(SYSTEM_SCHEMA, t.name(), md.getColumnName(i), type,
                            md.isNullable(i) != ResultSetMetaData.columnNoNulls, null, i));
                }
            } catch (SQLException e) {
                if (e.getSQLState() != null && e.getSQLState().startsWith("08")) throw e;
                // a system table this server does not have: leave it out
            }
        }
        return result(MetadataColumns.COLUMNS, rows);
    }

    private static Row columnRow(String schema, String table, String column, TypeMapping.SqlTypeInfo type,
                                 boolean nullable, String defaultValue, int ordinal) {
        int jdbcType = type.jdbcType();
        Integer digits = TypeMapping.isNumeric(jdbcType) ? type.scale() : null;
        Integer radix = TypeMapping.isNumeric(jdbcType) ? 10 : null;
        Integer octets = TypeMapping.isText(jdbcType) || jdbcType == Types.VARBINARY ? type.precision() : null;
        return row(null, schema, table, column, jdbcType, type.name(), type.precision(), null, digits, radix,
                nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls, null,
                defaultValue, null, null,
                octets, ordinal, nullable ? "YES" : "NO", null, null, null, null, "NO", "NO");
    }

    ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        List<Row> rows = new ArrayList<>();
        if ((catalog == null || catalog.isEmpty()) && (schema == null || schema.equals(USER_SCHEMA))) {
            for (Object[] r : query("SELECT table_name, primary_key FROM sys.tables")) {
                String name = (String) r[0];
                String pk = (String) r[1];
                if ((table != null && !table.equals(name)) || pk == null || pk.isEmpty() || pk.startsWith("(")) {
                    continue;
                }
                List<String> cols = splitColumns(pk);
                for (int i = 0; i < cols.size(); i++) {
                    rows.add(row(null, USER_SCHEMA, name, cols.get(i), (short) (i + 1), name + "_pkey"));
                }
            }
        }
        rows.sort(Comparator.comparing((Row r) -> (String) r.get(2).toObject())
                .thenComparing(r -> (String) r.get(3).toObject()));
        return result(MetadataColumns.PRIMARY_KEYS, rows);
    }

    /**
     * The FOREIGN KEY columns whose referenced table is {@code parent} and referencing table is {@code child}
     * (null: any), from {@code sys.constraints} and {@code information_schema.referential_constraints}; ordered
     * by the referenced table ({@code byParent}, getImportedKeys) or the referencing one, then KEY_SEQ.
     */
    ResultSet getForeignKeys(String catalog, String schema, String parent, String child, boolean byParent)
            throws SQLException {
        List<Row> rows = new ArrayList<>();
        if ((catalog == null || catalog.isEmpty()) && (schema == null || schema.equals(USER_SCHEMA))) {
            java.util.Map<String, String> keyNames = new java.util.HashMap<>();
            for (Object[] r : query("SELECT constraint_name, unique_constraint_name"
                    + " FROM information_schema.referential_constraints")) {
                keyNames.put((String) r[0], (String) r[1]);
            }
            for (Object[] r : query("SELECT table_name, constraint_name, columns, referenced_table,"
                    + " referenced_columns, on_update, on_delete FROM sys.constraints"
                    + " WHERE constraint_type = 'FOREIGN KEY'")) {
                String fkTable = (String) r[0];
                String pkTable = (String) r[3];
                if ((parent != null && !parent.equals(pkTable)) || (child != null && !child.equals(fkTable))) continue;
                List<String> fkCols = splitColumns((String) r[2]);
                List<String> pkCols = splitColumns((String) r[4]);
                for (int i = 0; i < fkCols.size(); i++) {
                    rows.add(row(null, USER_SCHEMA, pkTable, pkCols.get(i), null, USER_SCHEMA, fkTable, fkCols.get(i),
                            (short) (i + 1), rule((String) r[5]), rule((String) r[6]), r[1],
                            keyNames.get((String) r[1]), (short) DatabaseMetaData.importedKeyNotDeferrable));
                }
            }
        }
        int table = byParent ? 2 : 6;
        rows.sort(Comparator.comparing((Row r) -> (String) r.get(table).toObject())
                .thenComparing(r -> (String) r.get(11).toObject())
                .thenComparing(r -> (Short) r.get(8).toObject()));
        return result(MetadataColumns.KEYS, rows);
    }

    private static short rule(String action) {
        return (short) switch (action) {
            case "CASCADE" -> DatabaseMetaData.importedKeyCascade;
            case "RESTRICT" -> DatabaseMetaData.importedKeyRestrict;
            case "SET NULL" -> DatabaseMetaData.importedKeySetNull;
            case "SET DEFAULT" -> DatabaseMetaData.importedKeySetDefault;
            default -> DatabaseMetaData.importedKeyNoAction;
        };
    }

    ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique) throws SQLException {
        List<Row> rows = new ArrayList<>();
        if ((catalog == null || catalog.isEmpty()) && (schema == null || schema.equals(USER_SCHEMA))) {
            for (Object[] r : query("SELECT table_name, primary_key FROM sys.tables")) {
                String pk = (String) r[1];
                if ((table != null && !table.equals(r[0])) || pk == null || pk.isEmpty() || pk.startsWith("(")) {
                    continue;
                }
                addIndex(rows, (String) r[0], r[0] + "_pkey", true, splitColumns(pk));
            }
            for (Object[] r : query("SELECT table_name, index_name, is_unique, columns, state FROM sys.indexes")) {
                boolean isUnique = Boolean.TRUE.equals(r[2]);
                if ((table != null && !table.equals(r[0])) || (unique && !isUnique) || !"PUBLIC".equals(r[4])) continue;
                addIndex(rows, (String) r[0], (String) r[1], isUnique, splitColumns((String) r[3]));
            }
        }
        rows.sort(Comparator.comparing((Row r) -> (Boolean) r.get(3).toObject())
                .thenComparing(r -> (String) r.get(5).toObject())
                .thenComparing(r -> (Short) r.get(7).toObject()));
        return result(MetadataColumns.INDEX_INFO, rows);
    }

    private static void addIndex(List<Row> rows, String table, String index, boolean unique, List<String> columns) {
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            String direction = "A";
            int desc = column.indexOf(" DESC");
            if (desc > 0) {
                direction = "D";
                column = column.substring(0, desc);
            }
            int nulls = column.indexOf(" NULLS ");
            if (nulls > 0) column = column.substring(0, nulls);
            rows.add(row(null, USER_SCHEMA, table, !unique, null, index, DatabaseMetaData.tableIndexOther,
                    (short) (i + 1), column, direction, null, null, null));
        }
    }

    /**
     * {@code "a, b"} as written by sys.tables.primary_key and sys.indexes.columns (where a column may carry its
     * order: {@code "a DESC, b NULLS FIRST"}).
     */
    static List<String> splitColumns(String list) {
        List<String> cols = new ArrayList<>();
        if (list == null) return cols;
        for (String c : list.split(",")) if (!c.isBlank()) cols.add(c.trim());
        return cols;
    }

    ResultSet getTypeInfo() {
        List<Row> rows = new ArrayList<>();
        rows.add(type("BOOLEAN", Types.BOOLEAN, 1, null, null, null, false, false));
        rows.add(type("SMALLINT", Types.SMALLINT, 5, null, null, null, false, true));
        rows.add(type("INTEGER", Types.INTEGER, 10, null, null, null, false, true));
        rows.add(type("BIGINT", Types.BIGINT, 19, null, null, null, false, true));
        rows.add(type("DECIMAL", Types.DECIMAL, TypeMapping.MAX_DECIMAL_PRECISION, null, null,
                "precision,scale", false, true));
        rows.add(type("REAL", Types.REAL, 7, null, null, null, false, true));
        rows.add(type("DOUBLE", Types.DOUBLE, 15, null, null, null, false, true));
        rows.add(type("VARCHAR", Types.VARCHAR, TypeMapping.MAX_LENGTH, "'", "'", "length", true, false));
        rows.add(type("CHAR", Types.CHAR, TypeMapping.MAX_LENGTH, "'", "'", "length", true, false));
        rows.add(type("VARBINARY", Types.VARBINARY, TypeMapping.MAX_LENGTH, "X'", "'", "length", false, false));
        rows.add(type("DATE", Types.DATE, 10, "DATE '", "'", null, false, false));
        rows.add(type("TIME", Types.TIME, 18, "TIME '", "'", null, false, false));
        rows.add(type("TIMESTAMP", Types.TIMESTAMP, 29, "TIMESTAMP '", "'", null, false, false));
        rows.sort(Comparator.comparing(r -> (Integer) r.get(1).toObject()));
        return result(MetadataColumns.TYPE_INFO, rows);
    }

    private static Row type(String name, int jdbcType, int precision, String prefix, String suffix, String params,
                            boolean caseSensitive, boolean numeric) {
        short maxScale = (short) (jdbcType == Types.DECIMAL ? TypeMapping.MAX_DECIMAL_PRECISION : 0);
        return row(name, jdbcType, precision, prefix, suffix, params,
                (short) DatabaseMetaData.typeNullable, caseSensitive,
                (short) DatabaseMetaData.typeSearchable, !numeric, false, false, name, (short) 0, maxScale, null, null,
                numeric ? 10 : null);
    }

    /** An empty result with the columns JDBC specifies (procedures, privileges, foreign keys, ...). */
    ResultSet empty(List<ColumnMetadata> columns) {
        return result(columns, List.of());
    }
}
