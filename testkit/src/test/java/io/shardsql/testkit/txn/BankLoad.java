package io.shardsql.testkit.txn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/** The threads that drive a {@link Bank}: transfer threads and auditor threads, until stopped. */
final class BankLoad implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> crashes = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param hotAccounts accounts 0..hotAccounts-1 are hot: {@code hotShare} of the transfers go
     *                    between two of them, so those conflict, wait and abort often
     */
    BankLoad(Bank bank, int transferThreads, int auditorThreads, long maxAmount, int hotAccounts, double hotShare, long seed) {
        for (int t = 0; t < transferThreads; t++) {
            Random random = new Random(seed + t);
            start("transfer-" + t, () -> {
                while (!stop.get()) {
                    int range = random.nextDouble() < hotShare ? hotAccounts : bank.accounts();
                    int from = random.nextInt(range);
                    int to = (from + 1 + random.nextInt(range - 1)) % range;
                    bank.transfer(from, to, 1 + random.nextInt((int) maxAmount));
                }
            });
        }
        for (int t = 0; t < auditorThreads; t++) {
            boolean byGets = t % 2 == 1; // auditors alternate: scans, point reads
            start("auditor-" + t, () -> {
                while (!stop.get()) bank.auditQuietly(byGets);
            });
        }
    }

    private void start(String name, Runnable body) {
        Thread th = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                crashes.add(e);
            }
        }, name);
        th.setDaemon(true);
        th.start();
        threads.add(th);
    }

    /** Stops every thread and waits for the transfers in progress to finish. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread th : threads) th.join();
    }

    /** Throwables that ended a load thread (assertion failures of the workload included). */
    List<Throwable> crashes() { return List.copyOf(crashes); }
}
