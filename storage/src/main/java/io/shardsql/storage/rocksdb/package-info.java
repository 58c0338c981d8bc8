/**
 * {@link io.shardsql.storage.MvccStore} on RocksDB: one RocksDB instance per shard replica
 * ({@link io.shardsql.storage.rocksdb.RocksMvccStore}), all instances of a node sharing one block cache,
 * one write-buffer manager and one set of options ({@link io.shardsql.storage.rocksdb.RocksEnvironment}).
 * This is the only package that imports {@code org.rocksdb}; no RocksDB type leaves it.
 *
 * <p>Column families of one store and where their byte layouts are drawn:
 * <pre>
 * +-----------+------------------------------------------+--------------------------------------+
 * | family    | key                                      | value                                |
 * +-----------+------------------------------------------+--------------------------------------+
 * | versions  | escaped user key, ~commitTs  VersionKeys | type + value          VersionValues  |
 * | locks     | user key (as is)                         | the encoded Lock      LockCodec      |
 * | meta      | kind + name                  MetaLayout  | applied index or a named value       |
 * | garbage-  | user key (as is) of a key that may hold  | empty                                |
 * | candidates| versions no read needs  GarbageCollector |                                      |
 * | default   | unused (RocksDB requires it)             |                                      |
 * +-----------+------------------------------------------+--------------------------------------+
 * </pre>
 *
 * <p>Who does what: {@code RocksEnvironment} owns the node-wide native resources ({@code SharedOptions}
 * builds the options once); {@code RocksHandles} is one open database with its column families and
 * guards them against use after close; {@code ReadView} is a point-in-time view (optionally overlaid
 * with a batch's own writes) and {@code MvccReads} applies the visibility rules on it;
 * {@code RocksMvccBatch} collects writes in a {@code WriteBatchWithIndex}; {@code GarbageCollector}
 * removes versions below a safe point; {@code RocksErrors} turns RocksDB statuses into
 * {@link io.shardsql.common.ShardSqlException}s.
 */
package io.shardsql.storage.rocksdb;
