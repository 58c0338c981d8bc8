package io.shardsql.storage;

/**
 * Decides on a replica whether a scanned entry goes back to the reader, and what of its value: a
 * filter (and a projection) pushed down to the shards, so entries that cannot match, and the parts of
 * values the reader does not need, stay where they are. Only ever a pre-filter: what it keeps, the
 * reader may still reject.
 */
@FunctionalInterface
public interface EntryFilter {
    /** Keeps every entry, whole. */
    EntryFilter ALL = (key, value) -> true;

    boolean keep(byte[] key, byte[] value);

    /** The value a page returns for an entry {@link #keep} kept: all of it unless the reader asked for less. */
    default byte[] shape(byte[] value) {
        return value;
    }
}
