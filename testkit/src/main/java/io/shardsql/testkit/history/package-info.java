/**
 * A history checker in the manner of Jepsen's Elle, for a list-append workload.
 *
 * <ul>
 *   <li>{@link io.shardsql.testkit.history.History} records every transaction a client runs: its
 *       invocation and completion times ({@code System.nanoTime}), its outcome (ok, failed, unknown) and
 *       its micro-operations, appends and reads with the lists they returned.</li>
 *   <li>{@link io.shardsql.testkit.history.ListAppendWorkload} runs such transactions over JDBC
 *       against a cluster: each key is one row holding its list as text, appended to by a
 *       read-modify-write {@code UPDATE}, so every key's versions are totally ordered and a read
 *       shows the version order itself.</li>
 *   <li>{@link io.shardsql.testkit.history.ListAppendChecker} infers each key's version order from
 *       the reads, builds the write-write, write-read and read-write dependency graph over the
 *       committed transactions ({@link io.shardsql.testkit.history.DependencyGraph}) and reports the
 *       anomalies snapshot isolation forbids ({@link io.shardsql.testkit.history.Anomaly}), each with
 *       the transactions and the cycle that show it.</li>
 * </ul>
 * See docs/testing.md, "History checker".
 */
package io.shardsql.testkit.history;
