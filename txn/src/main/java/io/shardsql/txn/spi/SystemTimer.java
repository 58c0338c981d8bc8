package io.shardsql.txn.spi;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The one daemon timer thread of {@link TxnClock#SYSTEM}'s repeated tasks, started when first needed. */
final class SystemTimer {
    static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "txn-timer");
        t.setDaemon(true);
        return t;
    });

    private SystemTimer() {}
}
