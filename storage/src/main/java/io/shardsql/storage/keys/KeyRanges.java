package io.shardsql.storage.keys;

import java.util.Arrays;
import java.util.Objects;

/** Key-range helpers for scans over encoded keys (unsigned lexicographic order). */
public final class KeyRanges {
    private KeyRanges() {}

    /**
     * The smallest key greater than every key that starts with {@code prefix}, i.e. the exclusive end
     * of the scan {@code [prefix, prefixEnd(prefix))} that visits exactly the keys with that prefix.
     * Trailing 0xFF bytes are dropped and the last remaining byte is incremented:
     * <pre>
     * | 00 00 00 07         | -&gt; | 00 00 00 08 |
     * | 00 00 00 07 1A FF   | -&gt; | 00 00 00 07 1B |
     * </pre>
     *
     * @return the end key, or {@code null} if there is none (the prefix is empty or all 0xFF), which
     *     is how {@code MvccReader.scan} spells "no upper bound"
     */
    public static byte[] prefixEnd(byte[] prefix) {
        Objects.requireNonNull(prefix, "prefix");
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }
}
