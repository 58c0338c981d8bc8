package io.shardsql.testkit.sql;

import io.shardsql.common.ErrorCode;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.ControlCatalogStore;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TxnMode;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.util.List;

import static io.shardsql.testkit.sql.SqlFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog store and every DDL statement with each of its errors, on a real three-node cluster with
 * four shards. Every failing statement is checked to have changed nothing (same catalog version and
 * tables). One cluster for the class; each test uses its own tables.
 */
@Timeout(120)
class DdlIT {
    private static MiniCluster cluster;
    private static SqlFixture sql;

    @BeforeAll
    static void start() {
        cluster = SqlFixture.cluster().start();
        sql = new SqlFixture(cluster, SqlFixture.settings(50));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    // ---- catalog store ----------------------------------------------------------------------------

    @Test
    void theCatalogStoreRoundTripsTablesRaisesTheVersionAndServesReadsFromItsCache() {
        ControlCatalogStore store = sql.catalogs[1];
        long before = sql.version();
        TableDef t = new TableDef(0, "store_rt", List.of(new ColumnDef(1, "id", SqlType.of(SqlType.Kind.BIGINT), false, null),
                new ColumnDef(2, "v", SqlType.decimal(8, 2), true, new BigDecimal("1.5"))), List.of(1),
                List.of(new IndexDef(0, "store_rt_v", true, List.of(2), IndexDef.State.WRITE_ONLY)), 3);
        TableDef stored = sql.txns[1].run(TxnMode.READ_WRITE, 5, tx -> {
            TableDef withId = new TableDef(store.allocateId(tx), t.name(), t.columns(), t.primaryKey(), t.indexes(), 3);
            store.put(tx, withId);
            assertThat(store.read(tx).table("store_rt")).contains(withId);     // own write, uncommitted
            return withId;
        });
        CatalogSnapshot after = sql.catalog();                                   // another node's store
        assertThat(after.version()).isEqualTo(before + 1);
        assertThat(after.table("store_rt")).contains(stored);

        int cached = store.cachedVersions();
        CatalogSnapshot first = sql.txns[1].run(TxnMode.READ_ONLY, 5, store::read);
        CatalogSnapshot second = sql.txns[1].run(TxnMode.READ_ONLY, 5, store::read);
        assertThat(second).isSameAs(first);                                       // one decode per version
        assertThat(store.cachedVersions()).isGreaterThanOrEqualTo(Math.min(cached + 1, 8));

        // a rolled-back change is nowhere, and was not cached under the version it would have made
        try (Transaction tx = sql.txns[1].begin(TxnMode.READ_WRITE)) {
            store.remove(tx, "store_rt");
            assertThat(store.read(tx).table("store_rt")).isEmpty();
            tx.rollback();
        }
        assertThat(sql.txns[1].run(TxnMode.READ_ONLY, 5, store::read).table("store_rt")).contains(stored);
        sql.inTx(tx -> {
            store.remove(tx, "store_rt");
            return null;
        });
        assertThat(sql.catalog().table("store_rt")).isEmpty();
        assertThat(sql.version()).isEqualTo(before + 2);
        // ids are never handed out twice
        int a = sql.inTx(store::allocateId);
        int b = sql.inTx(sql.catalogs[2]::allocateId);
        assertThat(b).isGreaterThan(a).isGreaterThan(stored.id());
    }

    // ---- CREATE TABLE -----------------------------------------------------------------------------

    @Test
    void createTableWithColumnKeyCompositeKeyOrNoKey() {
        sql.exec("CREATE TABLE ct_one (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL, score DECIMAL(5, 2) DEFAULT 1.5, note TEXT)");
        TableDef one = sql.table("ct_one");
        assertThat(one.columns()).extracting(ColumnDef::name).containsExactly("id", "name", "score", "note");
        assertThat(one.columns()).extracting(ColumnDef::id).containsExactly(1, 2, 3, 4);
        assertThat(one.primaryKey()).containsExactly(1);
        assertThat(one.columns()).extracting(ColumnDef::nullable).containsExactly(false, false, true, true);
        assertThat((BigDecimal) one.column("score").orElseThrow().defaultValue()).isEqualByComparingTo("1.50"); // stored values lose trailing zeros
        assertThat(one.column("score").orElseThrow().type()).isEqualTo(SqlType.decimal(5, 2));

        sql.exec("CREATE TABLE ct_two (region TEXT, id INT, v INT, CONSTRAINT pk PRIMARY KEY (id, region))");
        TableDef two = sql.table("ct_two");
        assertThat(two.primaryKey()).containsExactly(2, 1);
        assertThat(two.columns()).extracting(ColumnDef::nullable).containsExactly(false, false, true);

        sql.exec("CREATE TABLE ct_none (msg TEXT)");
        assertThat(sql.table("ct_none").hasHiddenRowId()).isTrue();
        assertThat(one.id()).isNotEqualTo(two.id());
    }

    @Test
    void createTableIfNotExistsIsANoOpAndADuplicateIs42P07() {
        sql.exec("CREATE TABLE ct_dup (id INT PRIMARY KEY)");
        CatalogSnapshot before = sql.catalog();
        sql.exec("CREATE TABLE IF NOT EXISTS ct_dup (other INT)");
        assertThat(sql.catalog()).isEqualTo(before);
        assertUnchanged(() -> sql.exec("CREATE TABLE ct_dup (other INT)"), ErrorCode.DUPLICATE_TABLE, "42P07");
        sql.exec("CREATE INDEX ct_dup_ix ON ct_dup (id)");
        assertUnchanged(() -> sql.exec("CREATE TABLE ct_dup_ix (x INT)"), ErrorCode.DUPLICATE_TABLE, "42P07");
    }

    @Test
    void createTableWithABadTypeOrDefaultChangesNothing() {
        assertUnchanged(() -> sql.exec("CREATE TABLE ct_bad (id INT DEFAULT 'x')"), ErrorCode.DATATYPE_MISMATCH, "42804");
        assertUnchanged(() -> sql.exec("CREATE TABLE ct_bad (id SMALLINT DEFAULT 99999)"), ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "22003");
        assertUnchanged(() -> sql.exec("CREATE TABLE ct_bad (id money)"), ErrorCode.UNDEFINED_OBJECT, "42704");
        assertUnchanged(() -> sql.exec("CREATE TABLE ct_bad (id TINYINT)"), ErrorCode.FEATURE_NOT_SUPPORTED, "0A000");
        assertThat(sql.catalog().table("ct_bad")).isEmpty();
    }

    // ---- DROP TABLE -------------------------------------------------------------------------------

    @Test
    void dropTableRemovesTheDefinitionTheRowsAndTheIndexEntries() {
        sql.exec("CREATE TABLE dt_rows (id INT PRIMARY KEY, v TEXT)");
        sql.exec("CREATE INDEX dt_rows_v ON dt_rows (v)");
        List<Object[]> rows = new java.util.ArrayList<>();
        for (long i = 0; i < 120; i++) rows.add(new Object[] {i, "v" + i});
        sql.insertAll("dt_rows", rows);                                      // more than two purge batches of 50
        TableDef t = sql.table("dt_rows");
        int indexId = t.indexes().get(0).id();
        assertThat(sql.keysOf(t.id())).hasSize(120);
        assertThat(sql.keysOf(indexId)).hasSize(120);

        sql.exec("DROP TABLE dt_rows");
        assertThat(sql.catalog().table("dt_rows")).isEmpty();
        assertThat(sql.keysOf(t.id())).isEmpty();
        assertThat(sql.keysOf(indexId)).isEmpty();
        assertThat(sql.ddl[0].runDeferredWork()).isZero();                 // nothing left pending

        sql.exec("DROP TABLE IF EXISTS dt_rows");
        assertUnchanged(() -> sql.exec("DROP TABLE dt_rows"), ErrorCode.UNDEFINED_TABLE, "42P01");
    }

    @Test
    void dropTableOfAHiddenRowIdTableRemovesItsRows() {
        sql.exec("CREATE TABLE dt_hidden (msg TEXT)");
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) rows.add(new Object[] {"m" + i});
        sql.insertAll("dt_hidden", rows);
        TableDef t = sql.table("dt_hidden");
        assertThat(sql.rows(t)).hasSize(10);
        sql.exec("DROP TABLE dt_hidden");
        assertThat(sql.keysOf(t.id())).isEmpty();
    }

    // ---- ALTER TABLE ADD / DROP COLUMN ----------------------------------------------------------------

    @Test
    void addColumnGivesExistingRowsTheDefaultAndFollowsPostgresqlsNotNullRule() {
        sql.exec("CREATE TABLE ac (id INT PRIMARY KEY)");
        sql.exec("ALTER TABLE ac ADD COLUMN empty_ok INT NOT NULL");              // no rows yet: allowed
        sql.insert("ac", 1L, 5L);
        sql.exec("ALTER TABLE ac ADD COLUMN flag BOOLEAN DEFAULT TRUE");
        sql.exec("ALTER TABLE ac ADD nothing TEXT");
        TableDef t = sql.table("ac");
        assertThat(t.columns()).extracting(ColumnDef::name).containsExactly("id", "empty_ok", "flag", "nothing");
        assertThat(sql.rows(t).values()).singleElement().satisfies(r -> assertThat(r).containsExactly(1L, 5L, true, null));

        assertUnchanged(() -> sql.exec("ALTER TABLE ac ADD COLUMN must INT NOT NULL"), ErrorCode.NOT_NULL_VIOLATION, "23502");
        assertUnchanged(() -> sql.exec("ALTER TABLE ac ADD COLUMN flag INT"), ErrorCode.DUPLICATE_COLUMN, "42701");
        assertUnchanged(() -> sql.exec("ALTER TABLE ac_missing ADD COLUMN x INT"), ErrorCode.UNDEFINED_TABLE, "42P01");
        assertUnchanged(() -> sql.exec("ALTER TABLE ac ADD COLUMN bad INT DEFAULT 'no'"), ErrorCode.DATATYPE_MISMATCH, "42804");
        assertUnchanged(() -> sql.exec("ALTER TABLE ac ADD COLUMN pk2 INT PRIMARY KEY"), ErrorCode.FEATURE_NOT_SUPPORTED, "0A000");
        CatalogSnapshot before = sql.catalog();
        sql.exec("ALTER TABLE ac ADD COLUMN IF NOT EXISTS flag INT");
        assertThat(sql.catalog()).isEqualTo(before);
        sql.exec("ALTER TABLE ac ADD COLUMN must INT NOT NULL DEFAULT 7");
        assertThat(sql.rows(sql.table("ac")).values()).singleElement().satisfies(r -> assertThat(r[4]).isEqualTo(7L));
    }

    @Test
    void dropColumnHidesTheValuesDropsItsIndexesAndRefusesKeyColumns() {
        sql.exec("CREATE TABLE dc (id INT PRIMARY KEY, a TEXT, b INT)");
        sql.exec("CREATE INDEX dc_a ON dc (a)");
        sql.exec("CREATE INDEX dc_b ON dc (b)");
        sql.insert("dc", 1L, "x", 10L);
        int aIndex = sql.index("dc", "dc_a").id();
        sql.exec("ALTER TABLE dc DROP COLUMN a");
        TableDef t = sql.table("dc");
        assertThat(t.columns()).extracting(ColumnDef::name).containsExactly("id", "b");
        assertThat(t.indexes()).extracting(IndexDef::name).containsExactly("dc_b");
        assertThat(sql.keysOf(aIndex)).isEmpty();
        assertThat(sql.rows(t).values()).singleElement().satisfies(r -> assertThat(r).containsExactly(1L, 10L));
        // a new column never takes the old one's id, so the old value does not come back
        sql.exec("ALTER TABLE dc ADD COLUMN a TEXT");
        assertThat(sql.rows(sql.table("dc")).values()).singleElement().satisfies(r -> assertThat(r).containsExactly(1L, 10L, null));

        assertUnchanged(() -> sql.exec("ALTER TABLE dc DROP COLUMN id"), ErrorCode.FEATURE_NOT_SUPPORTED, "0A000");
        assertUnchanged(() -> sql.exec("ALTER TABLE dc DROP COLUMN zz"), ErrorCode.UNDEFINED_COLUMN, "42703");
        assertUnchanged(() -> sql.exec("ALTER TABLE dc_missing DROP COLUMN b"), ErrorCode.UNDEFINED_TABLE, "42P01");
        CatalogSnapshot before = sql.catalog();
        sql.exec("ALTER TABLE dc DROP COLUMN IF EXISTS zz");
        assertThat(sql.catalog()).isEqualTo(before);
    }

    // ---- CREATE / DROP INDEX ----------------------------------------------------------------------

    @Test
    void createIndexNamesAndErrors() {
        sql.exec("CREATE TABLE ci (id INT PRIMARY KEY, a TEXT, b INT)");
        sql.insert("ci", 1L, "x", 1L);
        sql.exec("CREATE INDEX ON ci (a, b)");
        sql.exec("CREATE UNIQUE INDEX ON ci (b)");
        sql.exec("CREATE INDEX ON ci (a, b)");
        assertThat(sql.table("ci").indexes()).extracting(IndexDef::name).containsExactly("ci_a_b_idx", "ci_b_key", "ci_a_b_idx1");
        assertThat(sql.table("ci").indexes()).extracting(IndexDef::state).containsOnly(IndexDef.State.PUBLIC);
        assertThat(sql.table("ci").indexes()).extracting(IndexDef::unique).containsExactly(false, true, false);

        sql.exec("CREATE INDEX ci_a ON ci (a)");
        CatalogSnapshot before = sql.catalog();
        sql.exec("CREATE INDEX IF NOT EXISTS ci_a ON ci (b)");
        assertThat(sql.catalog()).isEqualTo(before);
        assertUnchanged(() -> sql.exec("CREATE INDEX ci_a ON ci (b)"), ErrorCode.DUPLICATE_INDEX, "42P07");
        assertUnchanged(() -> sql.exec("CREATE INDEX ci ON ci (b)"), ErrorCode.DUPLICATE_INDEX, "42P07");
        assertUnchanged(() -> sql.exec("CREATE INDEX ci_x ON ci_missing (b)"), ErrorCode.UNDEFINED_TABLE, "42P01");
        assertUnchanged(() -> sql.exec("CREATE INDEX ci_x ON ci (nope)"), ErrorCode.UNDEFINED_COLUMN, "42703");
        try (Transaction tx = sql.txns[0].begin(TxnMode.READ_WRITE)) {
            assertUnchanged(() -> sql.execIn(tx, "CREATE INDEX ci_x ON ci (b)"), ErrorCode.ACTIVE_SQL_TRANSACTION, "25001");
        }
    }

    @Test
    void aUniqueIndexOverDuplicatesFailsWith23505AndLeavesNothingBehind() {
        sql.exec("CREATE TABLE cu (id INT PRIMARY KEY, v INT)");
        List<Object[]> rows = new java.util.ArrayList<>();
        for (long i = 0; i < 30; i++) rows.add(new Object[] {i, i == 29 ? 3L : i});  // 3 twice
        for (long i = 30; i < 35; i++) rows.add(new Object[] {i, null});             // NULLs never collide
        sql.insertAll("cu", rows);
        CatalogSnapshot before = sql.catalog();
        int nextId = sql.inTx(sql.catalogs[0]::allocateId);
        SqlFixture.assertFails(() -> sql.exec("CREATE UNIQUE INDEX cu_v ON cu (v)"), ErrorCode.UNIQUE_VIOLATION, "23505");
        assertThat(sql.table("cu")).isEqualTo(before.table("cu").orElseThrow());
        assertThat(sql.keysOf(nextId + 1)).as("the entries written before the duplicate was found are purged").isEmpty();

        sql.inTx(tx -> {
            TableDef t = sql.catalogs[0].read(tx).table("cu").orElseThrow();
            sql.writers[0].delete(tx, t, new Object[] {29L, 3L});
            return null;
        });
        sql.exec("CREATE UNIQUE INDEX cu_v ON cu (v)");
        TableDef t = sql.table("cu");
        assertThat(sql.entries(t.indexes().get(0))).isEqualTo(sql.expectedEntries(t, t.indexes().get(0))).hasSize(34);
    }

    @Test
    void dropIndexRemovesItAndItsEntries() {
        sql.exec("CREATE TABLE di (id INT PRIMARY KEY, a TEXT)");
        sql.insert("di", 1L, "x");
        sql.exec("CREATE INDEX di_a ON di (a)");
        int id = sql.index("di", "di_a").id();
        assertThat(sql.keysOf(id)).hasSize(1);
        sql.exec("DROP INDEX di_a");
        assertThat(sql.table("di").indexes()).isEmpty();
        assertThat(sql.keysOf(id)).isEmpty();
        sql.exec("DROP INDEX IF EXISTS di_a");
        assertUnchanged(() -> sql.exec("DROP INDEX di_a"), ErrorCode.UNDEFINED_OBJECT, "42704");
    }

    // ---- transactional DDL ----------------------------------------------------------------------------

    @Test
    void ddlInsideATransactionCommitsOrRollsBackWithTheRest() {
        long before = sql.version();
        try (Transaction tx = sql.txns[0].begin(TxnMode.READ_WRITE)) {
            sql.execIn(tx, "CREATE TABLE tx_t (id INT PRIMARY KEY, v TEXT)");
            sql.execIn(tx, "ALTER TABLE tx_t ADD COLUMN w INT DEFAULT 1");
            TableDef t = sql.catalogs[0].read(tx).table("tx_t").orElseThrow();
            sql.writers[0].insert(tx, t, new Object[] {1L, "a", 2L});
            tx.rollback();
        }
        assertThat(sql.catalog().table("tx_t")).isEmpty();
        assertThat(sql.version()).isEqualTo(before);

        TableDef created;
        try (Transaction tx = sql.txns[0].begin(TxnMode.READ_WRITE)) {
            sql.execIn(tx, "CREATE TABLE tx_t (id INT PRIMARY KEY, v TEXT)");
            created = sql.catalogs[0].read(tx).table("tx_t").orElseThrow();
            sql.writers[0].insert(tx, created, new Object[] {1L, "a"});
            tx.commit();
        }
        assertThat(sql.rows(sql.table("tx_t")).values()).singleElement().satisfies(r -> assertThat(r).containsExactly(1L, "a"));

        try (Transaction tx = sql.txns[0].begin(TxnMode.READ_WRITE)) {
            sql.execIn(tx, "DROP TABLE tx_t");
            assertThat(sql.catalogs[0].read(tx).table("tx_t")).isEmpty();
            tx.commit();
        }
        assertThat(sql.keysOf(created.id())).hasSize(1);           // purged only when asked, after the commit
        assertThat(sql.ddl[0].runDeferredWork()).isPositive();
        assertThat(sql.keysOf(created.id())).isEmpty();
    }

    @Test
    void concurrentCreatesOfOneTableLeaveOneTableAndOneError() throws Exception {
        Thread other = new Thread(() -> {
            try {
                sql.ddl[1].execute(io.shardsql.sql.parser.ShardSqlParser.parse("CREATE TABLE race (id INT PRIMARY KEY)"), null);
            } catch (RuntimeException e) {
                // the loser: 42P07
            }
        });
        other.start();
        Throwable mine = null;
        try {
            sql.ddl[2].execute(io.shardsql.sql.parser.ShardSqlParser.parse("CREATE TABLE race (id INT PRIMARY KEY)"), null);
        } catch (RuntimeException e) {
            mine = e;
        }
        other.join();
        assertThat(sql.table("race").columns()).hasSize(1);
        if (mine != null) assertThat(mine).hasMessageContaining("already exists");
    }

    /** {@code call} fails with {@code code} and the catalog is as it was. */
    private static void assertUnchanged(ThrowableAssert.ThrowingCallable call, ErrorCode code, String sqlState) {
        CatalogSnapshot before = sql.catalog();
        assertFails(call, code, sqlState);
        assertThat(sql.catalog()).isEqualTo(before);
        assertThat(sql.ddl[0].runDeferredWork()).isZero();
    }
}
