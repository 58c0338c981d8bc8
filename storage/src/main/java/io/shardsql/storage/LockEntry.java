package io.shardsql.storage;

/** A key and the lock it carries (from {@link MvccReader#scanLocks}). */
public record LockEntry(byte[] key, Lock lock) {

    @Override
    public boolean equals(Object o) {
        return o instanceof LockEntry e && java.util.Arrays.equals(key, e.key) && lock.equals(e.lock);
    }

    @Override
    public int hashCode() { return java.util.Arrays.hashCode(key) * 31 + lock.hashCode(); }

    @Override
    public String toString() { return "LockEntry[" + Bytes.toHex(key) + ", " + lock + "]"; }
}
