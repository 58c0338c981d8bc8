package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlCreateIndex;
import io.shardsql.storage.keys.KeyOrder;
import io.shardsql.txn.ActiveTransactions;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import org.apache.calcite.sql.SqlNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON t (cols)}, built online in its own transactions
 * (docs/sql.md, "Schema changes"):
 *
 * <pre>
 *  1 register   tx: index added as WRITE_ONLY                   commit at T  (writers maintain it from here)
 *  2 drain      wait until no transaction with start &lt; T runs on any node (ActiveTransactions)
 *  3 backfill   tx per batch: scan rows, put their entries        (unique: an entry of another row → 23505)
 *  4 publish    tx: index PUBLIC                                 (queries may use it)
 *  on failure   tx: index removed + its entries purged; the error is the statement's
 * </pre>
 *
 * No name: {@code <table>_<col>[_<col>...]_idx} ({@code _key} if unique), with a number added if taken.
 * {@code ALTER TABLE t ADD [CONSTRAINT c] UNIQUE (cols)} is built the same way, as a constraint's index.
 */
final class CreateIndex {
    private static final Logger LOG = LoggerFactory.getLogger(CreateIndex.class);
    private final SqlCreateIndex stmt;
    private final CatalogStore catalog;
    private final TransactionManager txns;
    private final DdlSettings settings;
    private final Purger purger;
    private final boolean constraint;

    CreateIndex(SqlCreateIndex stmt, CatalogStore catalog, TransactionManager txns, DdlSettings settings,
                Purger purger) {
        this(stmt, catalog, txns, settings, purger, false);
    }

    /** {@code constraint}: the index is a UNIQUE constraint's ({@code ALTER TABLE ... ADD UNIQUE}). */
    CreateIndex(SqlCreateIndex stmt, CatalogStore catalog, TransactionManager txns, DdlSettings settings,
                Purger purger, boolean constraint) {
        this.stmt = stmt;
        this.catalog = catalog;
        this.txns = txns;
        this.settings = settings;
        this.purger = purger;
        this.constraint = constraint;
    }

    /** The index being built: its table's id and name, and its id. */
    private record Target(int tableId, String table, int indexId, String name) {}

    void run() {
        Committed<Optional<Target>> registered = commitWithRetry(this::register);
        if (registered.value().isEmpty()) return; // IF NOT EXISTS and it exists
        Target target = registered.value().get();
        try {
            long t0 = System.nanoTime();
            ActiveTransactions.awaitNoneBefore(txns, registered.commitTs(), settings.staleAfter(),
                    settings.drainTimeout());
            long t1 = System.nanoTime();
            Backfill.Stats stats = new Backfill(txns, catalog, settings.backfillRows(), settings.attempts() * 5)
                    .run(target.tableId(), target.table(), target.indexId());
            txns.run(TxnMode.READ_WRITE, settings.attempts(), tx -> publish(tx, target));
            LOG.info("index {} on {} is public: drain {} ms, backfill {} ms ({} rows, {} batches, {} retried)",
                    target.name(), target.table(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000,
                    stats.rows(), stats.batches(), stats.retries());
        } catch (RuntimeException e) {
            abandon(target, e);
            throw e;
        }
    }

    private Optional<Target> register(Transaction tx) {
        CatalogSnapshot snapshot = catalog.read(tx);
        TableDef table = Names.table(snapshot, Names.of(stmt.table()));
        List<Integer> columns = new ArrayList<>();
        List<String> columnNames = new ArrayList<>();
        List<KeyOrder> orders = new ArrayList<>();
        for (SqlNode c : stmt.columns()) {
            SqlCreateIndex.IndexColumn ic = SqlCreateIndex.column(c);
            String column = ic.name().getSimple();
            columns.add(Names.column(table, column).id());
            columnNames.add(column);
            orders.add(KeyOrder.of(ic.descending(), ic.effectiveNullsFirst()));
        }
        String name;
        if (stmt.name() != null) {
            name = Names.of(stmt.name());
            if (constraint) ConstraintNames.requireFreeConstraintName(table, name, java.util.Set.of());
            if (Names.taken(snapshot, name)) {
                if (stmt.ifNotExists()) return Optional.empty();
                throw new ShardSqlException(ErrorCode.DUPLICATE_INDEX, "relation \"" + name + "\" already exists");
            }
        } else {
            name = freeName(snapshot, table.name() + "_" + String.join("_", columnNames)
                    + (stmt.unique() ? "_key" : "_idx"));
        }
        IndexDef index = new IndexDef(catalog.allocateId(tx), name, stmt.unique(), columns, IndexDef.State.WRITE_ONLY,
                constraint, orders);
        List<IndexDef> indexes = new ArrayList<>(table.indexes());
        indexes.add(index);
        catalog.put(tx, table.withIndexes(indexes));
        return Optional.of(new Target(table.id(), table.name(), index.id(), name));
    }

    private Void publish(Transaction tx, Target target) {
        TableDef table = Backfill.table(catalog.read(tx), target.table(), target.tableId());
        List<IndexDef> indexes = new ArrayList<>();
        for (IndexDef ix : table.indexes()) indexes.add(ix.id() == target.indexId()
                ? ix.withState(IndexDef.State.PUBLIC) : ix);
        Backfill.index(table, target.indexId());
        catalog.put(tx, table.withIndexes(indexes));
        return null;
    }

    /** Takes the half-built index away again (if it is still there) and purges what was written of it. */
    private void abandon(Target target, RuntimeException cause) {
        try {
            txns.run(TxnMode.READ_WRITE, settings.attempts(), tx -> {
                Optional<TableDef> table = catalog.read(tx).table(target.table())
                        .filter(t -> t.id() == target.tableId());
                if (table.isPresent() && table.get().indexes().stream().anyMatch(ix -> ix.id() == target.indexId())) {
                    DropIndex.remove(catalog, tx, table.get(), target.indexId());
                }
                return null;
            });
            purger.purgePending();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static String freeName(CatalogSnapshot snapshot, String base) {
        String name = base;
        for (int i = 1; Names.taken(snapshot, name); i++) name = base + i;
        return name;
    }

    private record Committed<T>(T value, long commitTs) {}

    /** Like {@link TransactionManager#run}, also giving the commit timestamp. */
    private <T> Committed<T> commitWithRetry(Function<Transaction, T> body) {
        ShardSqlException last = null;
        for (int attempt = 0; attempt < settings.attempts(); attempt++) {
            try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
                T value = body.apply(tx);
                return new Committed<>(value, tx.commit());
            } catch (ShardSqlException e) {
                if (!e.retryable()) throw e;
                last = e;
            }
        }
        throw last;
    }
}
