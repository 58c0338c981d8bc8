package io.shardsql.testkit.jdbc;

import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * TIMESTAMP WITH TIME ZONE and JSON/JSONB through the driver (issue 19, "Types and functions") on a
 * three-node cluster: getters and setters, metadata, and a timestamptz primary key and a jsonb index
 * written and read back across shards.
 */
@Timeout(240)
class TypesIT {
    private static MiniCluster cluster;

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(3).replication(3).shards(3).start();
        cluster.awaitReady();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void timestamptzIsAnInstantThroughTheDriver() throws Exception {
        Instant instant = Instant.parse("2024-02-29T11:45:30.250Z");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ti_k (ts TIMESTAMPTZ PRIMARY KEY, n INT)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO ti_k VALUES (?, ?)")) {
                p.setObject(1, OffsetDateTime.of(2024, 2, 29, 13, 45, 30, 250_000_000, ZoneOffset.ofHours(2)));
                p.setInt(2, 1);
                p.executeUpdate();
                p.setTimestamp(1, Timestamp.from(instant.plusSeconds(60)));
                p.setInt(2, 2);
                p.executeUpdate();
                p.setString(1, "2024-02-29 11:44:30.25-00:00");
                p.setInt(2, 0);
                p.executeUpdate();
                p.setObject(1, instant.plusSeconds(120));
                p.setInt(2, 3);
                p.executeUpdate();
            }
            try (ResultSet rs = s.executeQuery("SELECT ts, n FROM ti_k ORDER BY ts")) {
                assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.TIMESTAMP_WITH_TIMEZONE);
                assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualToIgnoringCase("timestamptz");
                List<Integer> order = new ArrayList<>();
                while (rs.next()) {
                    order.add(rs.getInt(2));
                    if (rs.getInt(2) == 1) {
                        assertThat(rs.getTimestamp(1).toInstant()).isEqualTo(instant);
                        assertThat(((Timestamp) rs.getObject(1)).toInstant()).isEqualTo(instant);
                        assertThat(rs.getObject(1, OffsetDateTime.class)).isEqualTo(instant.atOffset(ZoneOffset.UTC));
                        assertThat(rs.getObject(1, Instant.class)).isEqualTo(instant);
                        assertThat(rs.getString(1)).isEqualTo("2024-02-29 11:45:30.25+00");
                    }
                }
                assertThat(order).containsExactly(0, 1, 2, 3);
            }
            try (PreparedStatement p = c.prepareStatement("SELECT n FROM ti_k WHERE ts = ?")) {
                p.setObject(1, instant.atOffset(ZoneOffset.ofHours(-7)));
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
            SQLException bad = catchThrowableOfType(SQLException.class,
                    () -> s.executeUpdate("INSERT INTO ti_k VALUES ('not a time', 9)"));
            assertThat(bad.getSQLState()).isEqualTo("22007");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM ti_k")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(4);
            }
        }
    }

    @Test
    void jsonAndJsonbThroughTheDriverWithAnIndex() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tj (id INT PRIMARY KEY, j JSON, b JSONB)");
            s.execute("CREATE INDEX tj_b ON tj (b)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO tj VALUES (?, ?, ?)")) {
                for (int i = 0; i < 20; i++) {
                    p.setInt(1, i);
                    p.setString(2, "{\"n\": " + i + ",  \"tag\": \"t" + (i % 3) + "\"}");
                    p.setObject(3, "{\"tag\": \"t" + (i % 3) + "\", \"n\": " + i + "}");
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (ResultSet rs = s.executeQuery("SELECT j, b, b ->> 'tag', j -> 'n' FROM tj WHERE id = 4")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("{\"n\": 4,  \"tag\": \"t1\"}");
                assertThat(rs.getObject(2)).isEqualTo("{\"n\": 4, \"tag\": \"t1\"}");
                assertThat(rs.getString(3)).isEqualTo("t1");
                assertThat(rs.getString(4)).isEqualTo("4");
            }
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM tj WHERE b = ?::jsonb")) {
                p.setString(1, "{ \"n\" : 7, \"tag\" : \"t1\" }");
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(7);
                    assertThat(rs.next()).isFalse();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM tj WHERE b ->> 'tag' = 't0'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(7);
            }
            SQLException bad = catchThrowableOfType(SQLException.class,
                    () -> s.executeUpdate("UPDATE tj SET b = '{broken' WHERE id = 1"));
            assertThat(bad.getSQLState()).isEqualTo("22P02");
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getColumns(null, null, "tj", "b")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("TYPE_NAME")).isEqualToIgnoringCase("jsonb");
                assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.OTHER);
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
    }
}
