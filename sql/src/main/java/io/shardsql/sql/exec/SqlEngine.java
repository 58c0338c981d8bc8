package io.shardsql.sql.exec;

import io.shardsql.sql.calcite.TableWrites;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.CatalogKeys;
import io.shardsql.sql.catalog.ControlCatalogStore;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.ddl.DdlExecutor;
import io.shardsql.sql.calcite.StatementMemory;
import io.shardsql.sql.ddl.DdlSettings;
import io.shardsql.sql.rows.ForeignKeyChecks;
import io.shardsql.sql.rows.RowIdSequence;
import io.shardsql.sql.sequence.SequenceCache;
import io.shardsql.sql.rows.TableWriter;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import org.apache.calcite.sql.SqlNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL engine of one node, shared by its sessions: the transaction manager, the catalog, how rows
 * are written, how DDL runs, and the caches — compiled plans by (catalog version, SQL) and the
 * Calcite schema of recent catalog versions.
 */
public final class SqlEngine {
    private final TransactionManager transactions;
    private final CatalogStore catalog;
    private final TableWrites writes;
    private final DdlRunner ddl;
    private final int shardCount;
    private final SequenceCache sequences;
    private volatile ClusterView cluster = ClusterView.NONE;
    private volatile UserDirectory users = UserDirectory.NONE;
    private volatile SnapshotCommands snapshots = SnapshotCommands.NONE;
    private volatile long statementMemory = StatementMemory.DEFAULT_LIMIT;
    private final PlanCache plans = new PlanCache(2048);
    private final Map<Long, PlanningSchema> schemas = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, PlanningSchema> eldest) {
            return size() > 4;
        }
    };

    public SqlEngine(TransactionManager transactions, CatalogStore catalog, TableWrites writes, DdlRunner ddl,
                     int shardCount) {
        this.transactions = transactions;
        this.catalog = catalog;
        this.writes = writes;
        this.ddl = ddl;
        this.shardCount = shardCount;
        this.sequences = new SequenceCache(transactions);
    }

    /**
     * The engine of a node: the catalog in {@code control}, rows written by a {@link TableWriter}, DDL by
     * a {@link DdlExecutor}.
     */
    public static SqlEngine create(TransactionManager transactions, int shardCount, DdlSettings ddlSettings) {
        CalciteCheckConstraints checks = new CalciteCheckConstraints();
        ControlCatalogStore catalog = new ControlCatalogStore();
        TableWriter writer = new TableWriter(new RowIdSequence(transactions), checks,
                new ForeignKeyChecks(catalog::read, transactions));
        TableWrites writes = new TableWrites() {
            @Override
            public void prepareInserts(Transaction tx, TableDef table, List<Object[]> rows) {
                writer.prefetchForInsert(tx, table, rows);
            }

            @Override
            public void check(TableDef table, Object[] row) {
                writer.check(table, row);
            }

            @Override
            public void insert(Transaction tx, TableDef table, Object[] row) {
                writer.insert(tx, table, row);
            }

            @Override
            public void insertUnread(Transaction tx, TableDef table, Object[] row) {
                writer.insertUnread(tx, table, row);
            }

            @Override
            public void update(Transaction tx, TableDef table, Object[] oldRow, Object[] newRow) {
                writer.update(tx, table, oldRow, newRow);
            }

            @Override
            public void delete(Transaction tx, TableDef table, Object[] row) {
                writer.delete(tx, table, row);
            }

            @Override
            public void update(Transaction tx, TableDef table, byte[] rowKey, Object[] oldRow, Object[] newRow) {
                writer.update(tx, table, rowKey, oldRow, newRow);
            }

            @Override
            public void delete(Transaction tx, TableDef table, byte[] rowKey, Object[] row) {
                writer.delete(tx, table, rowKey, row);
            }
        };
        // Every statement reads the catalog version at its snapshot: let it come with the start timestamp.
        transactions.readWithEveryBegin(CatalogKeys.VERSION);
        DdlExecutor ddl = new DdlExecutor(catalog, transactions, ddlSettings, checks);
        SqlEngine engine = new SqlEngine(transactions, catalog, writes, DdlRunner.of(ddl), shardCount);
        ddl.withViews(new ViewDefinitions(engine::freshSchema));
        return engine;
    }

    /** Where {@code sys.shards} and {@code sys.nodes} get the replicas from. */
    public SqlEngine withClusterView(ClusterView view) {
        this.cluster = view;
        synchronized (this) {
            schemas.clear();
        }
        return this;
    }

    /** Where CREATE/ALTER/DROP USER take effect (a node's SQL endpoint keeps its users in {@code control}). */
    public SqlEngine withUsers(UserDirectory directory) {
        this.users = directory;
        return this;
    }

    /**
     * Where SNAPSHOT, SHOW SNAPSHOTS, DROP SNAPSHOT and {@code sys.snapshots} take effect (a node adapts its
     * snapshot service); without it SNAPSHOT and DROP SNAPSHOT fail with 0A000 and there are none to show.
     */
    public SqlEngine withSnapshots(SnapshotCommands commands) {
        this.snapshots = commands;
        synchronized (this) {
            schemas.clear();
        }
        return this;
    }

    /** Each statement's operators may hold at most {@code bytes} ({@code sql.statement-memory}; then 53200). */
    public SqlEngine withStatementMemory(long bytes) {
        this.statementMemory = bytes;
        return this;
    }

    long statementMemory() { return statementMemory; }

    /** A session of nobody in particular (tests, embedded use). */
    public Session openSession() {
        return new Session(this, null);
    }

    /** A session of {@code user}, who may not drop themself. */
    public Session openSession(String user) {
        return new Session(this, user);
    }

    UserDirectory users() { return users; }

    SnapshotCommands snapshots() { return snapshots; }

    TransactionManager transactions() { return transactions; }

    /** The ranges of sequence values this node holds. */
    public SequenceCache sequences() { return sequences; }

    CatalogStore catalog() { return catalog; }

    TableWrites writes() { return writes; }

    DdlRunner ddl() { return ddl; }

    /** The compiled plan of {@code sql} for this catalog version, planning it on a miss. */
    PreparedPlan plan(String sql, SqlNode parsed, CatalogSnapshot snapshot) {
        if (snapshot.provisional()) { // a transaction's own catalog changes: planned for it alone, never cached
            GeneratedAlways.check(parsed, snapshot);
            return QueryPlanner.plan(parsed, PlanningSchema.of(snapshot, shardCount, transactions, cluster, snapshots));
        }
        PreparedPlan plan = plans.get(snapshot.version(), sql);
        if (plan != null) return plan;
        GeneratedAlways.check(parsed, snapshot);
        plan = QueryPlanner.plan(parsed, schema(snapshot));
        plans.put(sql, plan);
        return plan;
    }

    /** A cached plan, or null (the caller then parses and calls {@link #plan}). */
    PreparedPlan cachedPlan(String sql, long version) {
        return plans.get(version, sql);
    }

    /** A planning schema of {@code snapshot} built for one use, not cached (DDL reading views' queries). */
    PlanningSchema freshSchema(CatalogSnapshot snapshot) {
        return PlanningSchema.of(snapshot, shardCount, transactions, cluster, snapshots);
    }

    private synchronized PlanningSchema schema(CatalogSnapshot snapshot) {
        return schemas.computeIfAbsent(snapshot.version(),
                v -> PlanningSchema.of(snapshot, shardCount, transactions, cluster, snapshots));
    }

    /** Queries and DML statements are planned and cached; everything else is parsed every time. */
    enum StatementClass { QUERY, DML }

    private final Map<String, StatementClass> classes = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, StatementClass> eldest) {
                    return size() > 4096;
                }
            });

    /** The class of a statement text seen before, or null. */
    StatementClass statementClass(String sql) {
        return classes.get(sql);
    }

    void classify(String sql, SqlNode node) {
        if (node.getKind().belongsTo(org.apache.calcite.sql.SqlKind.QUERY)) classes.put(sql, StatementClass.QUERY);
        else if (node.getKind().belongsTo(org.apache.calcite.sql.SqlKind.DML)) classes.put(sql, StatementClass.DML);
    }

    /** The current definition of table {@code name} (read in a transaction of its own). */
    public java.util.Optional<TableDef> tableDefinition(String name) {
        try (Transaction tx = transactions.begin(io.shardsql.txn.TxnMode.READ_ONLY)) {
            return catalog.read(tx).table(name);
        }
    }

    /** How many compiled plans are cached (for sys tables and tests). */
    public int cachedPlans() {
        return plans.size();
    }
}
