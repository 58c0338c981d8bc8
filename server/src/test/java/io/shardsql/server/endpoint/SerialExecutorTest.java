package io.shardsql.server.endpoint;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SerialExecutorTest {

    @Test
    void tasksOfOneExecutorRunOneAtATimeInOrderWhileOthersShareThePool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            int executors = 8, tasks = 2_000;
            List<List<Integer>> seen = new ArrayList<>();
            AtomicInteger overlaps = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(executors * tasks);
            for (int e = 0; e < executors; e++) {
                List<Integer> order = Collections.synchronizedList(new ArrayList<>());
                seen.add(order);
                SerialExecutor serial = new SerialExecutor(pool);
                AtomicInteger running = new AtomicInteger();
                for (int t = 0; t < tasks; t++) {
                    int n = t;
                    serial.execute(() -> {
                        if (running.incrementAndGet() != 1) overlaps.incrementAndGet();
                        order.add(n);
                        running.decrementAndGet();
                        done.countDown();
                    });
                }
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(overlaps.get()).isZero();
            for (List<Integer> order : seen) {
                assertThat(order).hasSize(tasks).isSorted();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheOnesAfterIt() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            SerialExecutor serial = new SerialExecutor(pool);
            CountDownLatch after = new CountDownLatch(1);
            serial.execute(() -> {
                throw new IllegalStateException("boom");
            });
            serial.execute(after::countDown);
            assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
