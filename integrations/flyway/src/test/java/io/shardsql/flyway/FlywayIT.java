package io.shardsql.flyway;

import io.shardsql.testkit.MiniCluster;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Flyway with the ShardSQL plugin against a real 3-node cluster, through the JDBC driver: a realistic migration
 * set (db/migration: tables with keys, UNIQUE, CHECK, defaults, SERIAL and identity; online indexes; seed data;
 * a later ALTER and a view; a repeatable view) migrated twice, the second time a no-op; info and validate; the
 * history rows and checksums; a failing migration in a transaction (nothing of it stays, it stays pending) and
 * one outside (recorded as failed); a run waiting while the lock is held (and one giving up, naming the holder);
 * two Flyway runs migrating at once, each migration applied once; clean.
 * The tests share one cluster and run in order: the last one cleans the schema.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlywayIT {
    private static MiniCluster cluster;
    private static Connection sql;

    @BeforeAll
    static void start() throws Exception {
        cluster = MiniCluster.builder().nodes(3).shards(2).start();
        cluster.awaitReady();
        sql = DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        if (sql != null) sql.close();
        if (cluster != null) cluster.close();
    }

    private static Flyway flyway(String location, String historyTable) {
        return flyway(cluster.jdbcUrl(), location, historyTable);
    }

    /**
     * Flyway on {@code location} keeping its history in {@code historyTable}. All sets share schema public,
     * so a set migrated into a schema that already holds another set's tables starts from a baseline 0.
     */
    private static Flyway flyway(String url, String location, String historyTable) {
        return configure(url, location, historyTable).load();
    }

    private static FluentConfiguration configure(String url, String location, String historyTable) {
        return Flyway.configure()
                .dataSource(url, "admin", MiniCluster.ADMIN_PASSWORD)
                .locations("classpath:db/" + location)
                .table(historyTable)
                .baselineOnMigrate(!"migration".equals(location))
                .baselineVersion("0")
                .cleanDisabled(false);
    }

    @Test
    @Order(1)
    void migratesTheSetOnceAndTheSecondRunIsANoOp() throws Exception {
        Flyway flyway = flyway("migration", "flyway_schema_history");
        try (Connection c = flyway.getConfiguration().getDataSource().getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("ShardSQL");
        }

        MigrateResult first = flyway.migrate();
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isEqualTo(5);
        assertThat(first.targetSchemaVersion).isEqualTo("4");

        MigrateResult second = flyway.migrate();
        assertThat(second.success).isTrue();
        assertThat(second.migrationsExecuted).isZero();

        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
        flyway.validate();
        MigrationInfo[] all = flyway.info().all();
        assertThat(all).extracting(MigrationInfo::getScript).containsExactly("V1__create_tables.sql",
                "V2__indexes.sql", "V3__seed_data.sql", "V4__customer_phone_and_catalog_view.sql",
                "R__order_totals.sql");
        assertThat(all).extracting(MigrationInfo::getState).containsOnly(MigrationState.SUCCESS);
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("4");

        // the history table holds one row per migration, with the checksums Flyway computes from the scripts
        List<String> history = rows("SELECT installed_rank, version, type, script, checksum, success, installed_by"
                + " FROM flyway_schema_history ORDER BY installed_rank");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            MigrationInfo m = all[i];
            expected.add((i + 1) + "|" + (m.getVersion() == null ? null : m.getVersion().getVersion()) + "|SQL|"
                    + m.getScript() + "|" + m.getChecksum() + "|true|admin");
        }
        assertThat(history).containsExactlyElementsOf(expected);
        assertThat(all).extracting(MigrationInfo::getChecksum).doesNotContainNull();

        // what the migrations made
        assertThat(rows("SELECT email, name, active, phone FROM customers ORDER BY id")).containsExactly(
                "ada@example.com|Ada Lovelace|true|null", "alan@example.com|Alan Turing|false|null",
                "grace@example.com|Grace Hopper|true|null");
        assertThat(rows("SELECT sku FROM catalog ORDER BY sku")).containsExactly("BK-001", "BK-002");
        assertThat(rows("SELECT order_id, total FROM order_totals ORDER BY order_id"))
                .containsExactly("1|64.30", "2|99.00");
        assertThat(rows("SELECT id, status, invoice_no FROM orders ORDER BY id"))
                .containsExactly("1|paid|1000", "2|new|null");
        assertThat(rows("SELECT index_name FROM sys.indexes WHERE table_name IN ('orders', 'order_lines')"
                + " ORDER BY index_name"))
                .contains("order_lines_product_idx", "order_lines_product_once", "orders_customer_idx");
        // the constraints hold
        assertThat(sqlState("INSERT INTO customers (email, name) VALUES ('ada@example.com', 'Another Ada')"))
                .isEqualTo("23505");
        assertThat(sqlState("INSERT INTO products (sku, title, price) VALUES ('BK-009', 'Free', -1)"))
                .isEqualTo("23514");
        assertThat(sqlState("INSERT INTO order_lines VALUES (1, 3, 1, 5)")).isEqualTo("23505");
    }

    @Test
    @Order(2)
    void aFailingMigrationInATransactionChangesNothingAndStaysPending() throws Exception {
        Flyway flyway = flyway("failing", "failing_history");
        assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class)
                .hasMessageContaining("V2__bad.sql");

        assertThat(rows("SELECT version, success FROM failing_history ORDER BY installed_rank"))
                .containsExactly("0|true", "1|true");
        assertThat(rows("SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'f\\_%' ESCAPE '\\'"))
                .containsExactly("f_ok");
        assertThat(rows("SELECT id, note FROM f_ok")).containsExactly("1|applied");
        MigrationInfo[] all = flyway.info().all();
        assertThat(all).extracting(MigrationInfo::getState)
                .containsExactly(MigrationState.BASELINE, MigrationState.SUCCESS, MigrationState.PENDING);
    }

    @Test
    @Order(3)
    void aFailingMigrationOutsideATransactionIsRecordedAsFailed() throws Exception {
        Flyway flyway = flyway("failing_index", "failing_index_history");
        assertThatThrownBy(flyway::migrate).isInstanceOf(FlywayException.class)
                .hasMessageContaining("V2__bad_index.sql");

        assertThat(rows("SELECT version, success FROM failing_index_history ORDER BY installed_rank"))
                .containsExactly("0|true", "1|true", "2|false");
        assertThat(flyway.info().all()).extracting(MigrationInfo::getState)
                .containsExactly(MigrationState.BASELINE, MigrationState.SUCCESS, MigrationState.FAILED);
        assertThat(flyway.validateWithResult().validationSuccessful).isFalse();
        assertThat(rows("SELECT index_name FROM sys.indexes WHERE table_name = 'fi_t'")).isEmpty();
    }

    @Test
    @Order(4)
    void aRunWaitsWhileTheLockIsHeldAndGivesUpNamingTheHolder() throws Exception {
        flyway("locked", "locked_history").baseline(); // the history and its lock table, nothing migrated
        exec("UPDATE locked_history_lock SET owner = 'another-run' WHERE id = 1");

        Flyway impatient = configure(cluster.jdbcUrl(), "locked", "locked_history").lockRetryCount(1).load();
        assertThatThrownBy(impatient::migrate).isInstanceOf(FlywayException.class)
                .hasMessageContaining("another-run").hasMessageContaining("SET owner = NULL");

        Flyway patient = flyway("locked", "locked_history");
        CompletableFuture<MigrateResult> run = CompletableFuture.supplyAsync(patient::migrate);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).until(() -> !run.isDone()
                && rows("SELECT table_name FROM information_schema.tables WHERE table_name = 'l_t'").isEmpty());
        exec("UPDATE locked_history_lock SET owner = NULL WHERE id = 1");
        assertThat(run.get(120, TimeUnit.SECONDS).migrationsExecuted).isEqualTo(1);
        assertThat(rows("SELECT owner FROM locked_history_lock")).as("freed after the run").containsExactly("null");
    }

    @Test
    @Order(5)
    void twoRunsMigratingAtOnceApplyEachMigrationOnce() throws Exception {
        // the history exists, so both runs go straight to the lock
        flyway("concurrent", "concurrent_history").baseline();
        String[] urls = {nodeUrl(0), nodeUrl(1)};
        CyclicBarrier start = new CyclicBarrier(urls.length);
        ExecutorService pool = Executors.newFixedThreadPool(urls.length);
        try {
            List<CompletableFuture<MigrateResult>> runs = new ArrayList<>();
            for (String url : urls) {
                Flyway flyway = flyway(url, "concurrent", "concurrent_history");
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return flyway.migrate();
                }, pool));
            }
            int applied = 0;
            for (CompletableFuture<MigrateResult> run : runs) {
                MigrateResult result = run.get(240, TimeUnit.SECONDS);
                assertThat(result.success).isTrue();
                applied += result.migrationsExecuted;
            }
            assertThat(applied).as("migrations applied by both runs together").isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(rows("SELECT version, success FROM concurrent_history ORDER BY installed_rank"))
                .containsExactly("0|true", "1|true", "2|true", "3|true", "4|true", "5|true");
        assertThat(rows("SELECT id, note FROM c_log ORDER BY id")).containsExactly("2|v2", "4|v4", "5|v5");
        assertThat(flyway(nodeUrl(2), "concurrent", "concurrent_history").info().pending()).isEmpty();
    }

    @Test
    @Order(6)
    void cleanDropsTablesViewsAndSequencesAndMigrateRebuildsThem() throws Exception {
        Flyway flyway = flyway("migration", "flyway_schema_history");
        flyway.clean();
        assertThat(rows("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).isEmpty();
        assertThat(rows("SELECT sequence_name FROM information_schema.sequences")).isEmpty();

        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(5);
        assertThat(rows("SELECT count(*) FROM customers")).containsExactly("3");
    }

    private static String nodeUrl(int node) {
        return "jdbc:shardsql://" + cluster.config(node).self().host() + ":" + cluster.config(node).self().sqlPort()
                + "/";
    }

    /** Each row of the query as its values joined by {@code |}. */
    private static List<String> rows(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = sql.createStatement(); ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    if (c > 1) row.append('|');
                    row.append(rs.getString(c));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    private static void exec(String statement) throws SQLException {
        try (Statement s = sql.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private static String sqlState(String statement) {
        try (Statement s = sql.createStatement()) {
            s.executeUpdate(statement);
            return "no error";
        } catch (SQLException e) {
            return e.getSQLState();
        }
    }
}
