package io.shardsql.storage;

/**
 * Decides on a replica whether a scanned entry goes back to the reader: a filter pushed down to the
 * shards, so entries that cannot match stay where they are. Only ever a pre-filter: what it keeps, the
 * reader may still reject.
 */
@FunctionalInterface
public interface EntryFilter {
    /** Keeps every entry. */
    EntryFilter ALL = (key, value) -> true;

    boolean keep(byte[] key, byte[] value);
}
