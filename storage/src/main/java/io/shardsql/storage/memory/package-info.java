/**
 * An {@link io.shardsql.storage.MvccStore} held in memory ({@link io.shardsql.storage.memory.InMemoryMvccStore}):
 * the same semantics as the RocksDB store — versions, locks, meta values, the applied index, garbage
 * collection over marked candidates, filtered scans with examine limits and page sizes — for tests of
 * the layers above that must not need a disk or native code. Both stores pass
 * {@code MvccStoreContractTest}. A store opened on a directory writes its state there when it is
 * closed and loads it when opened again; {@link io.shardsql.storage.MvccStore#checkpoint} writes the
 * same file format ({@link io.shardsql.storage.memory.StoreFile}) into a new directory.
 */
package io.shardsql.storage.memory;
