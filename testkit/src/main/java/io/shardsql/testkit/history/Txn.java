package io.shardsql.testkit.history;

import java.util.List;

/**
 * One recorded transaction.
 *
 * @param id            unique in its history, in order of invocation
 * @param process       the client (thread) that ran it
 * @param invokeNanos   {@code System.nanoTime()} when the client started it
 * @param completeNanos {@code System.nanoTime()} when the client learned its outcome
 *                      ({@link Long#MAX_VALUE} if it never did)
 * @param outcome       how it ended
 * @param ops           its steps; reads carry their results when the outcome is {@link Outcome#OK}
 * @param error         the error that ended it (null if none)
 */
public record Txn(long id, int process, long invokeNanos, long completeNanos, Outcome outcome, List<MicroOp> ops,
                  String error) {
    public Txn {
        ops = List.copyOf(ops);
    }

    /** A transaction for hand-made histories: invoked at {@code id * 10}, completed at {@code id * 10 + 5}. */
    public static Txn of(long id, Outcome outcome, MicroOp... ops) {
        return new Txn(id, 0, id * 10, id * 10 + 5, outcome, List.of(ops), null);
    }

    @Override
    public String toString() { return "T" + id + " " + outcome + " " + ops; }
}
