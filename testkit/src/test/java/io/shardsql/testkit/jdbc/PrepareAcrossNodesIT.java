package io.shardsql.testkit.jdbc;

import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A statement prepared outside a transaction is described against the newest catalog its node has read,
 * with no transaction ({@code Session.prepare}); these are the cases where that catalog is behind a change
 * committed through another node. What a client sees must stay right: a table created elsewhere is found
 * at prepare (the stale failure is retried at a fresh snapshot), an execution runs against its own
 * snapshot and sends its own columns, and a dropped table fails at the latest at execution, with 42P01.
 */
@Timeout(180)
class PrepareAcrossNodesIT {
    private static MiniCluster cluster;

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(3).shards(2).start();
        cluster.awaitReady();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void aPrepareSeesCatalogChangesCommittedThroughAnotherNode() throws Exception {
        try (Connection a = connect(0); Connection b = connect(1); Statement sa = a.createStatement();
             Statement sb = b.createStatement()) {
            try (ResultSet rs = sb.executeQuery("SELECT count(*) FROM sys.shards")) { // b's node reads the catalog
                assertThat(rs.next()).isTrue();
            }
            sa.execute("CREATE TABLE pan (id INT PRIMARY KEY, v INT)");
            sa.execute("INSERT INTO pan VALUES (1, 10)");

            try (PreparedStatement p = b.prepareStatement("SELECT v FROM pan WHERE id = ?")) {
                assertThat(p.getMetaData().getColumnCount()).isEqualTo(1);
                p.setInt(1, 1);
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(10);
                }
            }

            sa.execute("ALTER TABLE pan ADD COLUMN w INT DEFAULT 7");
            try (PreparedStatement p = b.prepareStatement("SELECT * FROM pan");
                 ResultSet rs = p.executeQuery()) {
                assertThat(rs.getMetaData().getColumnCount()).as("the execution's own columns").isEqualTo(3);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("w")).isEqualTo(7);
            }

            sa.execute("DROP TABLE pan");
            SQLException gone = catchThrowableOfType(() -> {
                PreparedStatement p = b.prepareStatement("SELECT * FROM pan");
                try (p; ResultSet rs = p.executeQuery()) {
                    rs.next();
                }
            }, SQLException.class);
            assertThat((Object) gone).as("a prepared query of a dropped table").isNotNull();
            assertThat(gone.getSQLState()).isEqualTo("42P01");
        }
    }

    @Test
    void commitAndRollbackFromTheDriverEndTheTransaction() throws Exception {
        try (Connection a = connect(2); Statement s = a.createStatement()) {
            s.execute("CREATE TABLE pan_tx (id INT PRIMARY KEY)");
            a.setAutoCommit(false);
            s.execute("INSERT INTO pan_tx VALUES (1)");
            a.rollback();
            s.execute("INSERT INTO pan_tx VALUES (2)");
            a.commit();
            a.commit(); // nothing open: a no-op
            a.setAutoCommit(true);
            try (ResultSet rs = s.executeQuery("SELECT id FROM pan_tx")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    private static Connection connect(int node) throws SQLException {
        String url = "jdbc:shardsql://" + cluster.config(node).self().host() + ":"
                + cluster.config(node).self().sqlPort() + "/";
        return DriverManager.getConnection(url, "admin", MiniCluster.ADMIN_PASSWORD);
    }
}
