package io.shardsql.storage;

import java.util.Arrays;
import java.util.Objects;

/**
 * One change to one key: a new value, or a delete (value {@code null}).
 *
 * @param key   the encoded key (see {@link io.shardsql.storage.keys})
 * @param value the new value, or {@code null} for a delete
 */
public record Mutation(byte[] key, byte[] value) {

    public Mutation {
        Objects.requireNonNull(key, "key");
    }

    public static Mutation put(byte[] key, byte[] value) {
        return new Mutation(key, Objects.requireNonNull(value, "value"));
    }

    public static Mutation delete(byte[] key) {
        return new Mutation(key, null);
    }

    public boolean isDelete() { return value == null; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mutation m && Arrays.equals(key, m.key) && Arrays.equals(value, m.value);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(key) + Arrays.hashCode(value); }

    @Override
    public String toString() {
        return isDelete() ? "Delete[" + Bytes.toHex(key) + "]" : "Put[" + Bytes.toHex(key) + "=" + value.length + "B]";
    }
}
