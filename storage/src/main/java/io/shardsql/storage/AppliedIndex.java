package io.shardsql.storage;

/** A Raft log position (term, index) that a store has applied. */
public record AppliedIndex(long term, long index) {
    /** Nothing applied yet (Ratis' invalid log index is -1). */
    public static final AppliedIndex NONE = new AppliedIndex(0, -1);
}
