package io.shardsql.testkit.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Client threads running list-append transactions against a cluster over JDBC, each recorded in a
 * {@link History}. Client {@code i} connects to {@code urls.get(i % urls.size())} (each URL should
 * name every node, starting with a different one, so clients spread and fail over on connect); after
 * a connection error it reconnects. Errors never stop a client: they are outcomes.
 */
public final class ListAppendWorkload implements AutoCloseable {
    private final List<String> urls;
    private final String user;
    private final String password;
    private final ListAppendGenerator generator;
    private final History history = new History();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong notOk = new AtomicLong();
    private final List<Thread> clients = new ArrayList<>();
    private volatile int isolation = java.sql.Connection.TRANSACTION_REPEATABLE_READ;

    public ListAppendWorkload(List<String> urls, String user, String password, ListAppendGenerator generator) {
        this.urls = List.copyOf(urls);
        this.user = user;
        this.password = password;
        this.generator = generator;
    }

    /** The JDBC isolation level of the connections opened from now on (REPEATABLE READ unless set). */
    public ListAppendWorkload isolation(int level) {
        this.isolation = level;
        return this;
    }

    /** The recorded history. */
    public History history() { return history; }

    /** The generator (for the keys it used). */
    public ListAppendGenerator generator() { return generator; }

    /** Transactions acknowledged so far. */
    public long ok() { return ok.get(); }

    /** Transactions failed or of unknown outcome so far. */
    public long notOk() { return notOk.get(); }

    /** Starts {@code n} client threads, seeded from {@code seed}. */
    public synchronized void start(int n, long seed) {
        for (int i = 0; i < n; i++) {
            int process = clients.size();
            Random random = new Random(seed + process);
            Thread t = new Thread(() -> loop(process, random), "list-append-" + process);
            t.setDaemon(true);
            clients.add(t);
            t.start();
        }
    }

    /** Stops the clients and waits for them (each finishes its transaction or times out). */
    public void stop(Duration wait) throws InterruptedException {
        stop.set(true);
        long deadline = System.nanoTime() + wait.toNanos();
        for (Thread t : clients) t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        for (Thread t : clients) {
            if (t.isAlive()) throw new IllegalStateException(t.getName() + " still running after " + wait);
        }
    }

    /** Reads every key the run used in one transaction, recorded in the history; returns how many keys. */
    public int finalRead() throws SQLException {
        List<Long> keys = generator.keysUsed();
        List<MicroOp> reads = keys.stream().<MicroOp>map(MicroOp.Read::of).toList();
        History.Invocation inv = history.invoke(-1, reads);
        try (Connection c = connect(0)) {
            inv.complete(Outcome.OK, ListAppendClient.readAll(c, keys), null);
        } catch (SQLException e) {
            inv.complete(ListAppendClient.outcomeOf(e), reads, describe(e));
            throw e;
        }
        return keys.size();
    }

    private void loop(int process, Random random) {
        Connection c = null;
        while (!stop.get()) {
            if (c == null) {
                try {
                    c = connect(process);
                } catch (SQLException e) {
                    LockSupport.parkNanos(100_000_000); // a node down or still starting: back off, try again
                    continue;
                }
            }
            List<MicroOp> ops = generator.next(random);
            History.Invocation inv = history.invoke(process, ops);
            try {
                inv.complete(Outcome.OK, ListAppendClient.run(c, ops), null);
                ok.incrementAndGet();
            } catch (SQLException e) {
                inv.complete(ListAppendClient.outcomeOf(e), ops, describe(e));
                notOk.incrementAndGet();
                if (broken(c)) {
                    closeQuietly(c);
                    c = null;
                }
            } catch (RuntimeException e) {
                inv.complete(Outcome.UNKNOWN, ops, e.toString());
                notOk.incrementAndGet();
                closeQuietly(c);
                c = null;
            }
        }
        closeQuietly(c);
    }

    private Connection connect(int process) throws SQLException {
        Connection c = DriverManager.getConnection(urls.get(process % urls.size()), user, password);
        c.setAutoCommit(false);
        c.setTransactionIsolation(isolation);
        return c;
    }

    private static boolean broken(Connection c) {
        try {
            return c.isClosed() || !c.isValid(5);
        } catch (SQLException e) {
            return true;
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // gone already
        }
    }

    private static String describe(SQLException e) {
        return e.getSQLState() + ": " + e.getMessage();
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(120));
    }
}
