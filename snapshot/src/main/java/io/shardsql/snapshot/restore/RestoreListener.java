package io.shardsql.snapshot.restore;

/** What a restore reports as it goes: the CLI renders it as a progress bar or as plain lines. */
public interface RestoreListener {
    /** Nothing is reported. */
    RestoreListener NONE = new RestoreListener() {};

    /** The restore begins: {@code parts} parts of {@code bytes} bytes in all. */
    default void started(int parts, long bytes) {}

    /** A step of one part: copied, normalized (with what was settled), seeded (on which nodes). */
    default void step(String group, String what) {}

    /** Bytes copied so far, of the total announced by {@link #started}. */
    default void progress(int partsDone, long bytesDone) {}

    /** Every part is seeded. */
    default void finished() {}
}
