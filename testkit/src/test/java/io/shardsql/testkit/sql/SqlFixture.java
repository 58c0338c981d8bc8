package io.shardsql.testkit.sql;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ControlCatalogStore;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.ddl.DdlExecutor;
import io.shardsql.sql.ddl.DdlSettings;
import io.shardsql.sql.parser.ShardSqlParser;
import io.shardsql.sql.rows.IndexKeys;
import io.shardsql.sql.rows.RowCodec;
import io.shardsql.sql.rows.RowIdSequence;
import io.shardsql.sql.rows.RowKeys;
import io.shardsql.sql.rows.TableWriter;
import io.shardsql.storage.KvEntry;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import org.assertj.core.api.ThrowableAssert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the SQL ITs share: per node a catalog store, a DDL executor and a table writer, as a node would
 * wire them, and readers of rows and index entries straight from the keys.
 */
final class SqlFixture {
    static final HexFormat HEX = HexFormat.of();

    final MiniCluster cluster;
    final TransactionManager[] txns;
    final ControlCatalogStore[] catalogs;
    final DdlExecutor[] ddl;
    final TableWriter[] writers;

    SqlFixture(MiniCluster cluster, DdlSettings settings) {
        this.cluster = cluster;
        int n = cluster.size();
        txns = new TransactionManager[n];
        catalogs = new ControlCatalogStore[n];
        ddl = new DdlExecutor[n];
        writers = new TableWriter[n];
        for (int i = 0; i < n; i++) {
            txns[i] = cluster.node(i).transactions();
            catalogs[i] = new ControlCatalogStore();
            ddl[i] = new DdlExecutor(catalogs[i], txns[i], settings);
            writers[i] = new TableWriter(new RowIdSequence(txns[i], 100));
        }
    }

    static MiniCluster.Builder cluster() {
        return MiniCluster.builder().nodes(3).shards(4).set("txn.active-publish-interval", "100ms");
    }

    static DdlSettings settings(int backfillRows) {
        Properties p = new Properties();
        p.setProperty("sql.ddl.backfill-rows", String.valueOf(backfillRows));
        p.setProperty("sql.ddl.purge-keys", "50");
        p.setProperty("sql.ddl.stale-publication-after", "5s");
        return DdlSettings.from(p);
    }

    /** Runs one DDL statement on node 0, autocommit. */
    void exec(String sql) {
        ddl[0].execute(ShardSqlParser.parse(sql), null);
    }

    void execIn(Transaction tx, String sql) {
        ddl[0].execute(ShardSqlParser.parse(sql), tx);
    }

    <T> T inTx(Function<Transaction, T> body) {
        return txns[0].run(TxnMode.READ_WRITE, 20, body);
    }

    CatalogSnapshot catalog() {
        return inTx(catalogs[0]::read);
    }

    long version() {
        return catalog().version();
    }

    TableDef table(String name) {
        return catalog().table(name).orElseThrow(() -> new AssertionError("no table " + name));
    }

    IndexDef index(String table, String name) {
        return table(table).indexes().stream().filter(ix -> ix.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no index " + name));
    }

    void insert(String table, Object... row) {
        inTx(tx -> writers[0].insert(tx, catalogs[0].read(tx).table(table).orElseThrow(), row));
    }

    /** Inserts {@code rows} in transactions of 50 rows. */
    void insertAll(String table, List<Object[]> rows) {
        for (int from = 0; from < rows.size(); from += 50) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + 50));
            inTx(tx -> {
                TableDef t = catalogs[0].read(tx).table(table).orElseThrow();
                for (Object[] row : part) writers[0].insert(tx, t, row);
                return null;
            });
        }
    }

    /** The rows of {@code table} by row key (hex), decoded with the current definition. */
    TreeMap<String, Object[]> rows(TableDef table) {
        TreeMap<String, Object[]> out = new TreeMap<>();
        for (KvEntry e : scan(RowKeys.tableStart(table.id()), RowKeys.tableEnd(table.id()))) {
            out.put(HEX.formatHex(e.key()), RowCodec.decode(table, e.key(), e.value()));
        }
        return out;
    }

    /** Every key with the 4-byte prefix {@code id} (rows of a table or entries of an index). */
    List<KvEntry> keysOf(int id) {
        return scan(RowKeys.tableStart(id), RowKeys.tableEnd(id));
    }

    /** The entries of {@code index} as stored, as "key=value" in hex. */
    TreeSet<String> entries(IndexDef index) {
        TreeSet<String> out = new TreeSet<>();
        for (KvEntry e : keysOf(index.id())) out.add(HEX.formatHex(e.key()) + "=" + HEX.formatHex(e.value()));
        return out;
    }

    /** The entries {@code index} must hold for the rows of {@code table}. */
    TreeSet<String> expectedEntries(TableDef table, IndexDef index) {
        TreeSet<String> out = new TreeSet<>();
        for (KvEntry e : scan(RowKeys.tableStart(table.id()), RowKeys.tableEnd(table.id()))) {
            IndexKeys.Entry entry = IndexKeys.entry(table, index, RowCodec.decode(table, e.key(), e.value()), e.key());
            out.add(HEX.formatHex(entry.key()) + "=" + HEX.formatHex(entry.value()));
        }
        return out;
    }

    /** Every entry points to a row that exists and holds the entry's values. */
    void assertEntriesPointToTheirRows(TableDef table, IndexDef index) {
        try (Transaction tx = txns[0].begin(TxnMode.READ_ONLY)) {
            for (Iterator<KvEntry> it = tx.scan(IndexKeys.indexStart(index.id()), IndexKeys.indexEnd(index.id())); it.hasNext(); ) {
                KvEntry e = it.next();
                byte[] rowKey = IndexKeys.rowKey(table, index, e.key(), e.value());
                byte[] value = tx.get(rowKey).orElseThrow(() -> new AssertionError("entry " + HEX.formatHex(e.key()) + " of "
                        + index.name() + " points to missing row " + HEX.formatHex(rowKey)));
                Object[] row = RowCodec.decode(table, rowKey, value);
                assertThat(IndexKeys.decodeValues(table, index, e.key())).containsExactly(IndexKeys.values(table, index, row));
            }
        }
    }

    List<KvEntry> scan(byte[] start, byte[] end) {
        try (Transaction tx = txns[0].begin(TxnMode.READ_ONLY)) {
            List<KvEntry> out = new ArrayList<>();
            tx.scan(start, end).forEachRemaining(out::add);
            return out;
        }
    }

    static void assertFails(ThrowableAssert.ThrowingCallable call, ErrorCode code, String sqlState) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ShardSqlException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.code().sqlState()).isEqualTo(sqlState);
        });
    }

    static Duration timeout() { return Duration.ofSeconds(30); }
}
