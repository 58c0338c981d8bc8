package io.shardsql.storage;

import java.util.Arrays;

/** A key and the value visible at some read timestamp, with the commit timestamp of that version. */
public record KvEntry(byte[] key, byte[] value, long commitTs) {

    @Override
    public boolean equals(Object o) {
        return o instanceof KvEntry e && commitTs == e.commitTs && Arrays.equals(key, e.key)
                && Arrays.equals(value, e.value);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(key) + Arrays.hashCode(value) + Long.hashCode(commitTs); }

    @Override
    public String toString() { return "KvEntry[" + Bytes.toHex(key) + "@" + commitTs + "]"; }
}
