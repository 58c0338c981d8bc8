/**
 * What the transaction layer adds to the groups' replicated logs, plugged into storage's state
 * machine as a {@code GroupExtension} ({@link io.shardsql.txn.log.TxnLogExtension}): coordinator decisions
 * ({@link io.shardsql.txn.log.TxnCommand.RecordDecision}, stored as {@link io.shardsql.txn.log.Decisions}) and the
 * timestamp oracle ({@link io.shardsql.txn.log.TimestampAllocator}, {@link io.shardsql.txn.log.NextTimestamps},
 * {@link io.shardsql.txn.log.TxnCommand.RaiseTimestampLimit}). Applied per replica by
 * {@link io.shardsql.txn.log.TxnReplica}.
 */
package io.shardsql.txn.log;
