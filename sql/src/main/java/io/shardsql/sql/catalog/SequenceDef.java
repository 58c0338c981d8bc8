package io.shardsql.sql.catalog;

/**
 * A sequence: what {@code nextval} hands out. Its current value is not part of the definition: it lives
 * under {@code \0sys/catalog/seq/<id>} ({@link CatalogKeys#sequenceValue}) and changes without raising
 * the catalog version.
 *
 * @param id         never reused, so that a dropped and re-created sequence starts afresh
 * @param increment  added by every nextval; not zero
 * @param cache      how many values a node reserves at a time (1: every nextval is a Raft round trip)
 * @param ownedBy    the table whose drop drops the sequence (SERIAL, identity), or "" for none
 * @param generation raised by every ALTER SEQUENCE, so that nodes drop the values they reserved before it
 * @param incarnation the start timestamp of the transaction that created the sequence: an id is handed out
 *                    again when that transaction rolls back, and a value stored under the id by a
 *                    nextval of the rolled-back sequence (which nextval commits on its own) must not count
 */
public record SequenceDef(int id, String name, long increment, long start, long min, long max, int cache,
                          String ownedBy, int generation, long incarnation) {
    /** The CACHE of a sequence that does not say (PostgreSQL's is 1: see docs/sql.md, "Sequences"). */
    public static final int DEFAULT_CACHE = 32;

    public SequenceDef {
        if (increment == 0) throw new IllegalArgumentException("INCREMENT must not be zero");
        if (min >= max) {
            throw new IllegalArgumentException("MINVALUE (" + min + ") must be less than MAXVALUE (" + max + ")");
        }
        if (start < min || start > max) {
            throw new IllegalArgumentException("START value (" + start + ") cannot be outside [" + min + ", " + max
                    + "]");
        }
        if (cache < 1) throw new IllegalArgumentException("CACHE (" + cache + ") must be greater than zero");
        if (ownedBy == null) ownedBy = "";
    }

    public boolean owned() { return !ownedBy.isEmpty(); }
}
