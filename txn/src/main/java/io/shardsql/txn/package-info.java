/**
 * Transactions over the shards (ARCHITECTURE §4): the API the SQL layer reads and writes through.
 *
 * <p>A {@link io.shardsql.txn.Transaction} reads one snapshot at its start timestamp and buffers its
 * writes; commit runs the protocol below. Every read and write of the database goes through here.
 *
 * <pre>
 *  driver (any node)          participant shards (Raft)         coordinator coord-k (Raft)
 *  ─────────────────          ─────────────────────────         ──────────────────────────
 *  begin: start_ts ◄── TSO (control leader)
 *  reads at start_ts ───────► Get/Scan (lock of another txn? resolve it or wait)
 *  writes buffered
 *  commit, one shard:  Prepare(locks) ─► log;  commit_ts ◄── TSO;  CommitLocal ─► log   (the decision)
 *  commit, many shards:
 *    1 Prepare(locks+values) ─► each shard's log, in parallel
 *    2 commit_ts ◄── TSO; RecordDecision(COMMITTED, commit_ts) ──────────────────────► log  (commit point,
 *                                                                                   write-once; the caller
 *                                                                                   is answered here)
 *    3 Resolve(commit_ts) ─► each shard's log (pushed; a new coordinator leader re-pushes what is left;
 *                             anyone meeting a lock looks the decision up)      ForgetDecisions ─► log
 * </pre>
 *
 * <p>A lock names its owner: "this shard's log" for single-shard transactions, or a coordinator group.
 * Whoever meets a lock whose transaction is undecided and whose TTL has passed aborts it through the
 * owner's log (write-once, so it cannot race a commit into a split outcome), then resolves it.
 * Writers meeting a live lock use wait-die (the older waits, the younger aborts), so deadlocks cannot
 * form; readers never hold locks.
 */
package io.shardsql.txn;
