package io.shardsql.storage;

import java.util.List;

/**
 * Decides on a replica whether a scanned entry goes back to the reader, and what of its value: a
 * filter (and a projection) pushed down to the shards, so entries that cannot match, and the parts of
 * values the reader does not need, stay where they are. Only ever a pre-filter: what it keeps, the
 * reader may still reject — unless it folds pages ({@link #finishPage}).
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

    /**
     * What a page returns in place of the entries it kept: the entries themselves unless the reader asked
     * the shard to fold them (partial aggregates, one entry per group). A folding filter is no longer a
     * pre-filter of rows: the reader takes what comes back as the fold of every entry the page kept.
     */
    default List<KvEntry> finishPage(List<KvEntry> kept) {
        return kept;
    }
}
