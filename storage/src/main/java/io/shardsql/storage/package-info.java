/**
 * The storage API. Keys are byte arrays in memcomparable order ({@link io.shardsql.storage.keys});
 * {@link io.shardsql.storage.MvccStore} keeps versions by commit timestamp and at most one
 * {@link io.shardsql.storage.Lock} per key; writes go through an atomic {@link io.shardsql.storage.MvccBatch}.
 * A scan may carry an {@link io.shardsql.storage.EntryFilter} and then returns a
 * {@link io.shardsql.storage.ScanPage} of what it kept and where to go on.
 *
 * <p>Implementations live in sub-packages named after their technology: {@code storage.rocksdb}
 * (the only package that imports {@code org.rocksdb}); {@code storage.raft} replicates a store per
 * shard with Apache Ratis.
 */
package io.shardsql.storage;
