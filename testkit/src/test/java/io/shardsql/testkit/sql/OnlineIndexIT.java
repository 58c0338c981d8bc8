package io.shardsql.testkit.sql;

import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.rows.RowCodec;
import io.shardsql.sql.rows.RowKeys;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.TxnMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Online CREATE INDEX while writer threads on every node insert, update and delete rows of the table:
 * when the statement returns, the index is PUBLIC and complete — every row has exactly its entries and
 * no entry points to a missing row — and it stays so while the writers go on.
 */
@Timeout(180)
class OnlineIndexIT {
    private static final int IDS = 200;
    private static MiniCluster cluster;
    private static SqlFixture sql;

    @BeforeAll
    static void start() {
        cluster = SqlFixture.cluster().start();
        sql = new SqlFixture(cluster, SqlFixture.settings(32));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void anIndexBuiltWhileEveryNodeWritesIsCompleteAndConsistent() throws Exception {
        sql.exec("CREATE TABLE oi (id BIGINT PRIMARY KEY, city TEXT, code TEXT, n INT)");
        List<Object[]> initial = new ArrayList<>();
        for (long id = 0; id < IDS; id += 2) initial.add(new Object[] {id, city(id), "c" + id + "-0", 0L});
        long t0 = System.nanoTime();
        sql.insertAll("oi", initial);
        System.out.printf("OnlineIndexIT: %d rows in %d ms%n", initial.size(), (System.nanoTime() - t0) / 1_000_000);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ops = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> writers = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            int i = node;
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        sql.txns[i].run(TxnMode.READ_WRITE, 100, tx -> {
                            writeOnce(i, tx);
                            return null;
                        });
                        ops.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "writer-" + node);
            t.start();
            writers.add(t);
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> ops.get() >= 30 || failure.get() != null);
            long beforeBuild = ops.get();
            long t1 = System.nanoTime();
            sql.exec("CREATE INDEX oi_city ON oi (city)");
            long t2 = System.nanoTime();
            sql.exec("CREATE UNIQUE INDEX oi_code ON oi (code, n)");
            long duringBuild = ops.get() - beforeBuild;
            System.out.printf("OnlineIndexIT: indexes built in %d and %d ms while writers did %d transactions%n",
                    (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000, duringBuild);
            assertThat(sql.table("oi").indexes()).extracting(IndexDef::state).containsOnly(IndexDef.State.PUBLIC);
            assertThat(duringBuild).as("writers ran while the indexes were built").isPositive();

            long afterBuild = ops.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> ops.get() >= afterBuild + 15 || failure.get() != null);
        } finally {
            stop.set(true);
            for (Thread t : writers) t.join(30_000);
        }
        assertThat(failure.get()).as("writer failure").isNull();

        TableDef t = sql.table("oi");
        assertThat(sql.rows(t)).isNotEmpty();
        for (IndexDef ix : t.indexes()) {
            assertThat(sql.entries(ix)).as(ix.name() + ": every row has exactly its entries").isEqualTo(sql.expectedEntries(t, ix));
            sql.assertEntriesPointToTheirRows(t, ix);
        }
    }

    /** One random write: insert a missing row, or update (city, code, n) or delete an existing one. */
    private static void writeOnce(int node, io.shardsql.txn.Transaction tx) {
        TableDef t = sql.catalogs[node].read(tx).table("oi").orElseThrow();
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long id = rnd.nextLong(IDS);
        byte[] key = RowKeys.key(t, new Object[] {id});
        Optional<byte[]> stored = tx.get(key);
        if (stored.isEmpty()) {
            sql.writers[node].insert(tx, t, new Object[] {id, city(rnd.nextLong(100)), "c" + id + "-new", 0L});
            return;
        }
        Object[] row = RowCodec.decode(t, key, stored.get());
        if (rnd.nextInt(4) == 0) {
            sql.writers[node].delete(tx, t, row);
        } else {
            long n = (Long) row[3] + 1;
            // (code, n) stays unique: each row's codes carry its id
            sql.writers[node].update(tx, t, row, new Object[] {id, city(rnd.nextLong(100)), "c" + id + "-" + n, n});
        }
    }

    private static String city(long n) {
        return "city-" + (n % 7);
    }

    static {
        // a writer's retries give up only on non-retryable errors; surface them with their code
        Thread.setDefaultUncaughtExceptionHandler((th, e) -> System.err.println(th + ": " + (e instanceof ShardSqlException s ? s.code() + " " : "") + e));
    }
}
