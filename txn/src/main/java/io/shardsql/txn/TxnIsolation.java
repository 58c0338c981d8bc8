package io.shardsql.txn;

/**
 * How much a transaction is isolated from the others.
 *
 * <ul>
 *   <li>{@link #SNAPSHOT}: snapshot isolation (reads at the start timestamp, first committer wins). Write skew
 *       is possible; SQL calls it REPEATABLE READ, as PostgreSQL does.</li>
 *   <li>{@link #SERIALIZABLE}: snapshot isolation, and at commit every key and range the transaction read is
 *       validated on its shard: nothing may have been committed into it after the start timestamp, at or below
 *       the commit timestamp, nor be about to be ({@code SERIALIZATION_FAILURE}, 40001, otherwise). A
 *       transaction that wrote nothing needs no validation. See docs/transactions.md, "Isolation".</li>
 * </ul>
 */
public enum TxnIsolation { SNAPSHOT, SERIALIZABLE }
