/**
 * What the transaction layer needs from below, as narrow interfaces, so that it runs over a real
 * cluster or over groups in memory (its unit tests) alike.
 *
 * <ul>
 *   <li>{@link io.shardsql.txn.spi.Groups}: the groups it talks to — {@code control} (timestamp oracle,
 *       system keys), the coordinator groups, and the group of any key (placement) — and
 *       {@link io.shardsql.txn.spi.GroupClient}: the four calls it makes on one group (submit a command,
 *       submit one deferred to share a log entry, a linearizable query, a query that waits for the
 *       group to be reachable). These are exactly the calls the layer makes; nothing else of the
 *       Raft client leaks in. Commands and replies stay storage's records ({@code ShardCommand},
 *       {@code ShardQuery}, {@code ShardReply}) and the layer's own ({@code txn.log}): they are the
 *       protocol, and a fake that understood anything else would test something else.</li>
 *   <li>{@link io.shardsql.txn.spi.ClusterGroups}: the real implementation, adapting storage's
 *       {@code ClusterClient} and {@code ShardClient} (storage knows nothing of these interfaces).</li>
 *   <li>{@link io.shardsql.txn.spi.TxnClock}: wall time (lock TTLs, decision times, recovery grace),
 *       elapsed time (deadlines, transaction age), pauses and delayed execution (lock waits, retry
 *       backoff). {@link io.shardsql.txn.spi.TxnClock#SYSTEM} by default; tests pass a manual one.</li>
 * </ul>
 */
package io.shardsql.txn.spi;
