package io.shardsql.bench;

import io.shardsql.txn.CommitHook;
import io.shardsql.txn.CommitStep;

/**
 * Splits a commit's time into its phases: notes, per committing thread, when the protocol reaches the
 * decision ({@link CommitStep#DECIDING}: every participant prepared) and when the decision is durable
 * ({@link CommitStep#DECIDED}). Both steps are reached on the thread that called {@code commit()}; the
 * hook only reads the clock.
 */
final class CommitTimer implements CommitHook {
    private final ThreadLocal<long[]> marks = ThreadLocal.withInitial(() -> new long[2]);

    @Override
    public void reached(CommitStep step, long startTs, String group) {
        if (step == CommitStep.DECIDING) marks.get()[0] = System.nanoTime();
        else if (step == CommitStep.DECIDED) marks.get()[1] = System.nanoTime();
    }

    /** {@link System#nanoTime} when this thread's last commit had every participant prepared. */
    long decidingAt() { return marks.get()[0]; }

    /** {@link System#nanoTime} when this thread's last commit's decision was durable. */
    long decidedAt() { return marks.get()[1]; }
}
