package io.shardsql.testkit.sql;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.rows.RowKeys;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TxnMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static io.shardsql.testkit.sql.SqlFixture.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TableWriter's constraints and index maintenance on a real cluster: a failed write changes nothing. */
@Timeout(120)
class TableWriterIT {
    private static MiniCluster cluster;
    private static SqlFixture sql;

    @BeforeAll
    static void start() {
        cluster = SqlFixture.cluster().start();
        sql = new SqlFixture(cluster, SqlFixture.settings(50));
        sql.exec("CREATE TABLE users (id BIGINT PRIMARY KEY, email VARCHAR(10), city TEXT NOT NULL, credit DECIMAL(5, 2))");
        sql.exec("CREATE UNIQUE INDEX users_email ON users (email)");
        sql.exec("CREATE INDEX users_city ON users (city)");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    private static TableDef users() { return sql.table("users"); }

    private static void write(Consumer<Transaction> body) {
        sql.inTx(tx -> {
            body.accept(tx);
            return null;
        });
    }

    /** The rows and every index entry are exactly what the rows imply. */
    private static void assertConsistent() {
        TableDef t = users();
        for (IndexDef ix : t.indexes()) {
            assertThat(sql.entries(ix)).as(ix.name()).isEqualTo(sql.expectedEntries(t, ix));
            sql.assertEntriesPointToTheirRows(t, ix);
        }
    }

    @Test
    void constraintViolationsHaveTheirSqlStateAndWriteNothing() {
        write(tx -> sql.writers[0].insert(tx, users(), new Object[] {1L, "a@x", "paris", new BigDecimal("1.5")}));
        int before = sql.rows(users()).size();

        assertFails(() -> write(tx -> sql.writers[0].insert(tx, users(), new Object[] {1L, "b@x", "lyon", null})),
                ErrorCode.UNIQUE_VIOLATION, "23505");
        assertThatThrownBy(() -> write(tx -> sql.writers[0].insert(tx, users(), new Object[] {1L, "b@x", "lyon", null})))
                .hasMessageContaining("users").hasMessageContaining("(id)=(1)");
        assertFails(() -> write(tx -> sql.writers[0].insert(tx, users(), new Object[] {2L, "a@x", "lyon", null})),
                ErrorCode.UNIQUE_VIOLATION, "23505");
        assertThatThrownBy(() -> write(tx -> sql.writers[0].insert(tx, users(), new Object[] {2L, "a@x", "lyon", null})))
                .hasMessageContaining("users_email").hasMessageContaining("(email)=(a@x)");
        assertFails(() -> write(tx -> sql.writers[0].insert(tx, users(), new Object[] {2L, "c@x", null, null})),
                ErrorCode.NOT_NULL_VIOLATION, "23502");
        assertFails(() -> write(tx -> sql.writers[0].insert(tx, users(), new Object[] {null, "c@x", "x", null})),
                ErrorCode.NOT_NULL_VIOLATION, "23502");
        assertFails(() -> write(tx -> sql.writers[0].insert(tx, users(), new Object[] {2L, "very-long@x", "x", null})),
                ErrorCode.STRING_DATA_RIGHT_TRUNCATION, "22001");
        assertFails(() -> write(tx -> sql.writers[0].insert(tx, users(), new Object[] {2L, "c@x", "x", new BigDecimal("1000")})),
                ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "22003");
        assertThat(sql.rows(users())).hasSize(before);
        assertConsistent();

        // within one transaction: the failed row wrote nothing, the rows around it commit
        write(tx -> {
            sql.writers[0].insert(tx, users(), new Object[] {3L, "d@x", "oslo", null});
            assertThatThrownBy(() -> sql.writers[0].insert(tx, users(), new Object[] {4L, "d@x", "oslo", null}))
                    .isInstanceOf(ShardSqlException.class);
            sql.writers[0].insert(tx, users(), new Object[] {5L, "e@x", "oslo", null});
        });
        assertThat(sql.rows(users()).values()).extracting(r -> r[0]).contains(3L, 5L).doesNotContain(4L);
        assertConsistent();
    }

    @Test
    void nullsInAUniqueIndexNeverCollide() {
        write(tx -> {
            sql.writers[0].insert(tx, users(), new Object[] {10L, null, "rome", null});
            sql.writers[0].insert(tx, users(), new Object[] {11L, null, "rome", null});
        });
        assertConsistent();
    }

    @Test
    void updatesMoveIndexEntriesAndKeyChangesMoveTheRow() {
        write(tx -> sql.writers[0].insert(tx, users(), new Object[] {20L, "u@x", "nice", null}));
        write(tx -> sql.writers[0].update(tx, users(), new Object[] {20L, "u@x", "nice", null}, new Object[] {20L, "v@x", "nice", null}));
        assertConsistent();
        // the freed value can be taken by another row; the new one cannot
        write(tx -> sql.writers[0].insert(tx, users(), new Object[] {21L, "u@x", "nice", null}));
        assertFails(() -> write(tx -> sql.writers[0].update(tx, users(), new Object[] {21L, "u@x", "nice", null},
                new Object[] {21L, "v@x", "nice", null})), ErrorCode.UNIQUE_VIOLATION, "23505");
        // primary key change: delete + insert, keeping its unique value
        write(tx -> sql.writers[0].update(tx, users(), new Object[] {20L, "v@x", "nice", null}, new Object[] {22L, "v@x", "nice", null}));
        assertThat(sql.rows(users()).values()).extracting(r -> r[0]).contains(21L, 22L).doesNotContain(20L);
        assertFails(() -> write(tx -> sql.writers[0].update(tx, users(), new Object[] {22L, "v@x", "nice", null},
                new Object[] {21L, "v@x", "nice", null})), ErrorCode.UNIQUE_VIOLATION, "23505");
        assertConsistent();

        assertThat((boolean) sql.inTx(tx -> sql.writers[0].upsert(tx, users(), new Object[] {22L, "w@x", "cannes", null}))).isFalse();
        assertThat((boolean) sql.inTx(tx -> sql.writers[0].upsert(tx, users(), new Object[] {23L, "z@x", "cannes", null}))).isTrue();
        assertConsistent();
        write(tx -> sql.writers[0].delete(tx, users(), new Object[] {22L, "w@x", "cannes", null}));
        write(tx -> sql.writers[0].delete(tx, users(), new Object[] {23L, "z@x", "cannes", null}));
        assertThat(sql.rows(users()).values()).extracting(r -> r[0]).doesNotContain(22L, 23L);
        assertConsistent();
    }

    @Test
    void hiddenRowIdsAreUniqueAcrossNodesWithoutARoundTripPerRow() {
        sql.exec("CREATE TABLE events (kind TEXT, n INT)");
        sql.exec("CREATE INDEX events_kind ON events (kind)");
        for (int node = 0; node < 3; node++) {
            int i = node;
            sql.txns[i].run(TxnMode.READ_WRITE, 10, tx -> {
                TableDef t = sql.catalogs[i].read(tx).table("events").orElseThrow();
                for (long n = 0; n < 150; n++) sql.writers[i].insert(tx, t, new Object[] {"k" + (n % 3), n}); // > one range of 100
                return null;
            });
        }
        TableDef t = sql.table("events");
        Set<Object> ids = new HashSet<>();
        sql.rows(t).keySet().forEach(k -> ids.add(RowKeys.primaryKey(t, SqlFixture.HEX.parseHex(k))[0]));
        assertThat(ids).hasSize(450);
        IndexDef ix = t.indexes().get(0);
        assertThat(sql.entries(ix)).isEqualTo(sql.expectedEntries(t, ix));

        // a hidden-key row is updated and deleted by its row key
        byte[] key = SqlFixture.HEX.parseHex(sql.rows(t).firstKey());
        Object[] row = sql.rows(t).firstEntry().getValue();
        write(tx -> sql.writers[0].update(tx, t, key, row, new Object[] {"changed", row[1]}));
        assertThat(sql.entries(ix)).isEqualTo(sql.expectedEntries(t, ix));
        write(tx -> sql.writers[0].delete(tx, t, key, new Object[] {"changed", row[1]}));
        assertThat(sql.rows(t)).hasSize(449);
        assertThat(sql.entries(ix)).isEqualTo(sql.expectedEntries(t, ix));
        assertThat(List.of(ix.state())).containsExactly(IndexDef.State.PUBLIC);
    }
}
