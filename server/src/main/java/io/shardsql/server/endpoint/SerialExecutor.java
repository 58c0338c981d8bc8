package io.shardsql.server.endpoint;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs the tasks given to it one at a time, in the order given, on threads of a shared pool: one
 * connection's requests are handled in order without the connection owning a thread.
 */
final class SerialExecutor implements Executor {
    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean scheduled;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (scheduled) return;
            scheduled = true;
        }
        pool.execute(this::runNext);
    }

    /** Runs one task, then hands the next to the pool (so a busy connection cannot keep a thread to itself). */
    private void runNext() {
        Runnable task;
        synchronized (tasks) {
            task = tasks.poll();
        }
        try {
            if (task != null) task.run();
        } finally {
            boolean more;
            synchronized (tasks) {
                more = !tasks.isEmpty();
                scheduled = more;
            }
            if (more) pool.execute(this::runNext);
        }
    }
}
