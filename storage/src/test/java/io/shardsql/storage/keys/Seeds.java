package io.shardsql.storage.keys;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Seeds for the random property tests: a fresh one per test, or a fixed one from
 * {@code -Dkeys.seed=...} to replay a failure. Every failure message carries {@link #describe(long)}.
 */
final class Seeds {
    static final String PROPERTY = "keys.seed";

    private Seeds() {}

    static long next() {
        String fixed = System.getProperty(PROPERTY);
        return fixed != null && !fixed.isBlank() ? Long.parseLong(fixed.trim()) : ThreadLocalRandom.current().nextLong();
    }

    static String describe(long seed) {
        return "seed=" + seed + " (replay with -D" + PROPERTY + "=" + seed + ")";
    }
}
