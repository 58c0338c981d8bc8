package io.shardsql.sql.exec;

import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.ForeignKeyDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.privilege.Access;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnInfo;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The {@code sys} schema: read-only tables that describe the database. {@code tables}, {@code columns}
 * and {@code indexes} show the catalog version the statement plans against (so its own snapshot);
 * {@code transactions} the transactions running on this node; {@code gc_horizon} each node's oldest running
 * transaction, which holds garbage collection back ({@link GcHorizon}); {@code shards} every replica of every
 * Raft group (group, node, role, term, leader, applied and commit index); {@code nodes} each node with
 * how many replicas it holds and leads; {@code snapshots} every snapshot the cluster knows (the columns of
 * SHOW SNAPSHOTS, {@link SnapshotStatements#LISTED}). Who may read which is {@link Authorizer}'s.
 */
final class SystemSchema extends AbstractSchema {
    /**
     * The name under which a statement's data context holds the session's {@link Access}: {@code tables},
     * {@code columns} and {@code indexes} show only the tables it may see ({@link Access#sees}).
     */
    static final String VIEWER = "shardsql.viewer";

    private final Map<String, Table> tables = new LinkedHashMap<>();

    SystemSchema(CatalogSnapshot catalog, TransactionManager txns, ClusterView cluster, SnapshotCommands snapshots) {
        tables.put("tables", new SystemTable(List.of(
                col("table_name", SqlTypeName.VARCHAR), col("table_id", SqlTypeName.INTEGER),
                col("primary_key", SqlTypeName.VARCHAR), col("column_count", SqlTypeName.INTEGER),
                col("index_count", SqlTypeName.INTEGER)), viewer -> {
            List<Object[]> rows = new ArrayList<>();
            for (TableDef t : visible(catalog, viewer)) {
                String pk = t.hasHiddenRowId() ? "(hidden row id)"
                        : t.primaryKeyColumns().stream().map(ColumnDef::name).collect(Collectors.joining(", "));
                rows.add(new Object[] {t.name(), t.id(), pk, t.columns().size(), t.indexes().size()});
            }
            return rows;
        }));
        tables.put("columns", new SystemTable(List.of(
                col("table_name", SqlTypeName.VARCHAR), col("column_name", SqlTypeName.VARCHAR),
                col("ordinal_position", SqlTypeName.INTEGER), col("data_type", SqlTypeName.VARCHAR),
                col("is_nullable", SqlTypeName.BOOLEAN), col("column_default", SqlTypeName.VARCHAR),
                col("is_primary_key", SqlTypeName.BOOLEAN)), viewer -> {
            List<Object[]> rows = new ArrayList<>();
            for (TableDef t : visible(catalog, viewer)) {
                for (int i = 0; i < t.columns().size(); i++) {
                    ColumnDef c = t.columns().get(i);
                    boolean pk = t.primaryKey().contains(c.id());
                    rows.add(new Object[] {t.name(), c.name(), i + 1, c.type().toString(), c.nullable() && !pk,
                            c.defaultExpr() != null ? c.defaultExpr().sql()
                                    : c.defaultValue() == null ? null : String.valueOf(c.defaultValue()), pk});
                }
            }
            return rows;
        }));
        tables.put("indexes", new SystemTable(List.of(
                col("table_name", SqlTypeName.VARCHAR), col("index_name", SqlTypeName.VARCHAR),
                col("is_unique", SqlTypeName.BOOLEAN), col("columns", SqlTypeName.VARCHAR),
                col("state", SqlTypeName.VARCHAR)), viewer -> {
            List<Object[]> rows = new ArrayList<>();
            for (TableDef t : visible(catalog, viewer)) {
                for (IndexDef ix : t.indexes()) {
                    String cols = java.util.stream.IntStream.range(0, ix.columnIds().size())
                            .mapToObj(i -> t.columnById(ix.columnIds().get(i)).name() + orderSuffix(ix.order(i)))
                            .collect(Collectors.joining(", "));
                    rows.add(new Object[] {t.name(), ix.name(), ix.unique(), cols, ix.state().name()});
                }
            }
            return rows;
        }));
        tables.put("constraints", constraintsTable(catalog));
        tables.put("transactions", transactionsTable(txns));
        tables.put("gc_horizon", GcHorizon.table(txns));
        tables.put("shards", new SystemTable(List.of(
                col("group_name", SqlTypeName.VARCHAR), col("node", SqlTypeName.VARCHAR),
                col("address", SqlTypeName.VARCHAR),
                col("role", SqlTypeName.VARCHAR), col("term", SqlTypeName.BIGINT), col("leader", SqlTypeName.VARCHAR),
                col("applied_index", SqlTypeName.BIGINT), col("commit_index", SqlTypeName.BIGINT)), () -> {
            List<Object[]> rows = new ArrayList<>();
            for (ClusterView.Replica r : cluster.replicas()) {
                rows.add(new Object[] {r.group(), r.node(), r.address(), r.role(), r.term(), r.leader(),
                        r.appliedIndex(), r.commitIndex()});
            }
            return rows;
        }));
        tables.put("nodes", new SystemTable(List.of(
                col("node_id", SqlTypeName.VARCHAR), col("address", SqlTypeName.VARCHAR),
                col("replicas", SqlTypeName.INTEGER), col("leader_of", SqlTypeName.INTEGER)), () -> {
            Map<String, Object[]> byNode = new TreeMap<>();
            for (ClusterView.Replica r : cluster.replicas()) {
                Object[] row = byNode.computeIfAbsent(r.node(), n -> new Object[] {n, r.address(), 0, 0});
                row[2] = (Integer) row[2] + 1;
                if ("LEADER".equals(r.role())) row[3] = (Integer) row[3] + 1;
            }
            return new ArrayList<>(byNode.values());
        }));
        tables.put("snapshots", snapshotsTable(snapshots));
    }

    private static List<TableDef> visible(CatalogSnapshot catalog, Access viewer) {
        return catalog.sortedTables().stream().filter(t -> viewer.sees(t.name())).toList();
    }

    private static SystemTable transactionsTable(TransactionManager txns) {
        return new SystemTable(List.of(
                col("start_ts", SqlTypeName.BIGINT), col("mode", SqlTypeName.VARCHAR),
                col("state", SqlTypeName.VARCHAR),
                col("age_ms", SqlTypeName.BIGINT), col("participants", SqlTypeName.VARCHAR),
                col("coordinator", SqlTypeName.VARCHAR), col("buffered_writes", SqlTypeName.INTEGER),
                col("holder", SqlTypeName.VARCHAR)), () -> {
            List<Object[]> rows = new ArrayList<>();
            for (TxnInfo t : txns.inFlight()) {
                rows.add(new Object[] {t.startTs(), t.mode().name(), t.state().name(), t.ageMillis(),
                        String.join(", ", t.participants()), t.coordinator(), t.bufferedWrites(), t.holder()});
            }
            return rows;
        });
    }

    private static SystemTable snapshotsTable(SnapshotCommands snapshots) {
        return new SystemTable(SnapshotStatements.LISTED.stream().map(c -> col(c.name(), c.type())).toList(),
                () -> snapshots.list().stream().map(SnapshotStatements::row).toList());
    }

    @Override
    protected Map<String, Table> getTableMap() {
        return tables;
    }

    /** A column of a system table. */
    record Column(String name, SqlTypeName type) {}

    static Column col(String name, SqlTypeName type) {
        return new Column(name, type);
    }

    /** A table whose rows are computed when it is scanned. */
    static final class SystemTable extends AbstractTable implements ScannableTable {
        private final List<Column> columns;
        private final Function<Access, List<Object[]>> rows;

        SystemTable(List<Column> columns, Supplier<List<Object[]>> rows) {
            this(columns, viewer -> rows.get());
        }

        /** A table whose rows depend on who reads it. */
        SystemTable(List<Column> columns, Function<Access, List<Object[]>> rows) {
            this.columns = columns;
            this.rows = rows;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory f) {
            return SnapshotStatements.rowType(f, columns.stream()
                    .map(c -> new SnapshotStatements.Column(c.name(), c.type(), true)).toList());
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            Access viewer = root.get(VIEWER) instanceof Access a ? a : Access.INTERNAL;
            return Linq4j.asEnumerable(rows.apply(viewer));
        }
    }

    /**
     * {@code sys.constraints}: the CHECK, UNIQUE and FOREIGN KEY constraints of the tables the viewer sees; the
     * last four columns are a FOREIGN KEY's (NULL for the others).
     */
    private static SystemTable constraintsTable(CatalogSnapshot catalog) {
        return new SystemTable(List.of(
                col("table_name", SqlTypeName.VARCHAR), col("constraint_name", SqlTypeName.VARCHAR),
                col("constraint_type", SqlTypeName.VARCHAR), col("columns", SqlTypeName.VARCHAR),
                col("check_clause", SqlTypeName.VARCHAR), col("referenced_table", SqlTypeName.VARCHAR),
                col("referenced_columns", SqlTypeName.VARCHAR), col("on_delete", SqlTypeName.VARCHAR),
                col("on_update", SqlTypeName.VARCHAR)), viewer -> {
            List<Object[]> rows = new ArrayList<>();
            Map<Integer, TableDef> byId = new HashMap<>();
            for (TableDef t : catalog.tables().values()) byId.put(t.id(), t);
            for (TableDef t : visible(catalog, viewer)) {
                for (io.shardsql.sql.catalog.CheckDef c : t.checks()) {
                    rows.add(new Object[] {t.name(), c.name(), "CHECK", names(t, c.columnIds()), c.expression(),
                        null, null, null, null});
                }
                for (IndexDef ix : t.indexes()) {
                    if (ix.constraint()) rows.add(new Object[] {t.name(), ix.name(), "UNIQUE",
                            names(t, ix.columnIds()), null, null, null, null, null});
                }
                for (ForeignKeyDef f : t.foreignKeys()) {
                    TableDef parent = byId.get(f.parentTableId());
                    rows.add(new Object[] {t.name(), f.name(), "FOREIGN KEY", names(t, f.columnIds()), null,
                        parent == null ? null : parent.name(),
                        parent == null ? null : names(parent, f.parentColumnIds()),
                        f.onDelete().sql(), f.onUpdate().sql()});
                }
            }
            return rows;
        });
    }

    private static String names(TableDef t, List<Integer> columnIds) {
        return columnIds.stream().map(id -> t.columnById(id).name()).collect(Collectors.joining(", "));
    }

    /**
     * How sys.indexes.columns writes a column's order after its name, as PostgreSQL's index definitions do:
     * nothing for ASC (NULLS LAST), {@code " DESC"} (NULLS FIRST), {@code " NULLS FIRST"}, {@code " DESC NULLS LAST"}.
     */
    static String orderSuffix(io.shardsql.storage.keys.KeyOrder o) {
        return switch (o) {
            case ASC -> "";
            case ASC_NULLS_FIRST -> " NULLS FIRST";
            case DESC -> " DESC";
            case DESC_NULLS_LAST -> " DESC NULLS LAST";
        };
    }
}
