package io.shardsql.storage;

import java.util.Arrays;
import java.util.Objects;

/**
 * One change to one key: a new value, or a delete (value {@code null}). An <em>insert</em> is a new value for a
 * key that must have none: the shard that prepares it checks that no value of the key is visible at the
 * writer's snapshot and refuses the whole prepare with {@link KeyExistsException} otherwise, so a writer that
 * commits right away need not read the key first to find out.
 *
 * @param key    the encoded key (see {@link io.shardsql.storage.keys})
 * @param value  the new value, or {@code null} for a delete
 * @param insert whether the key must have no visible value at the writer's snapshot (never for a delete)
 */
public record Mutation(byte[] key, byte[] value, boolean insert) {

    public Mutation {
        Objects.requireNonNull(key, "key");
        if (insert && value == null) throw new IllegalArgumentException("an insert needs a value");
    }

    /** A put ({@code value} non-null) or a delete ({@code value == null}), not checked against the stored key. */
    public Mutation(byte[] key, byte[] value) {
        this(key, value, false);
    }

    public static Mutation put(byte[] key, byte[] value) {
        return new Mutation(key, Objects.requireNonNull(value, "value"));
    }

    /** A put of a key that must have no visible value at the writer's snapshot (see the class comment). */
    public static Mutation insert(byte[] key, byte[] value) {
        return new Mutation(key, Objects.requireNonNull(value, "value"), true);
    }

    public static Mutation delete(byte[] key) {
        return new Mutation(key, null);
    }

    public boolean isDelete() { return value == null; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mutation m && Arrays.equals(key, m.key) && Arrays.equals(value, m.value)
                && insert == m.insert;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(key) + Arrays.hashCode(value)) + Boolean.hashCode(insert);
    }

    @Override
    public String toString() {
        return isDelete() ? "Delete[" + Bytes.toHex(key) + "]"
                : (insert ? "Insert[" : "Put[") + Bytes.toHex(key) + "=" + value.length + "B]";
    }
}
