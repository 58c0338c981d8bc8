/**
 * The transaction layer's groups in memory, for its unit tests: {@link io.shardsql.txn.memory.MemoryGroups}
 * runs {@code control}, the shards and the coordinators each as a storage
 * {@code StandaloneReplica} (storage's real command applier and queries, with the layer's
 * {@code TxnLogExtension}) over an {@code InMemoryMvccStore}, synchronously; each
 * {@link io.shardsql.txn.memory.MemoryGroup} can be scripted to fail, lose replies or stall; and
 * {@link io.shardsql.txn.memory.ManualClock} is the time the tests move.
 */
package io.shardsql.txn.memory;
