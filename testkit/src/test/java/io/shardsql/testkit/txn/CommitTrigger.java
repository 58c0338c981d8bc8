package io.shardsql.testkit.txn;

import io.shardsql.txn.CommitHook;
import io.shardsql.txn.CommitStep;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A commit hook that lets a fault injector strike at an exact point of some commit: armed with a step
 * and a group, it fires the first time a commit reaches that step on that group, and
 * {@link #awaitFired} returns that transaction's start timestamp. The committing thread is not held:
 * the fault lands while that commit goes on.
 */
final class CommitTrigger implements CommitHook {
    private record Armed(CommitStep step, String group, CompletableFuture<Long> fired) {}

    private final AtomicReference<Armed> armed = new AtomicReference<>();

    @Override
    public void reached(CommitStep step, long startTs, String group) {
        Armed a = armed.get();
        if (a != null && a.step() == step && a.group().equals(group) && armed.compareAndSet(a, null)) a.fired().complete(startTs);
    }

    /** Arms the trigger and waits until a commit reaches {@code step} on {@code group}; returns its start timestamp. */
    long awaitFired(CommitStep step, String group, Duration timeout) throws Exception {
        Armed a = new Armed(step, group, new CompletableFuture<>());
        armed.set(a);
        try {
            return a.fired().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            armed.compareAndSet(a, null);
        }
    }
}
