package io.shardsql.server.endpoint;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows password guessing without ever locking anyone out (docs/security.md, "Logins"). Failed logins
 * are counted per user name and per client address; before a login's proof is checked, the connection
 * waits {@code base * 2^(n-1)}, at most {@code max}, where {@code n} is the larger of the two counts. So
 * failures for one user slow that user's logins from anywhere, and failures from one address slow every
 * login from that address, but a wrong password for user A does not slow user B from another address.
 *
 * <p>A success clears its user's count (not its address's: an attacker with an account of its own could
 * otherwise clear the address count between guesses). A count not raised for {@link #FORGET_AFTER} is
 * forgotten. The tables are bounded ({@link #MAX_ENTRIES} each): when one is full, forgotten counts
 * are removed, and if none are, the table is cleared, so memory stays bounded whatever names and
 * addresses a client makes up. The wait is scheduled on a timer, never slept on a thread. Thread-safe.
 */
final class LoginThrottle {
    static final Duration FORGET_AFTER = Duration.ofMinutes(1);
    static final int MAX_ENTRIES = 100_000;

    private record Failures(int count, long lastNanos) {}

    private final long baseNanos;
    private final long maxNanos;
    private final LongSupplier clock;
    private final Map<String, Failures> byUser = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    LoginThrottle(Duration base, Duration max) {
        this(base, max, System::nanoTime);
    }

    LoginThrottle(Duration base, Duration max, LongSupplier clock) {
        this.baseNanos = base.toNanos();
        this.maxNanos = max.toNanos();
        this.clock = clock;
    }

    /** How long a login of {@code user} from {@code address} waits before its proof is checked. */
    Duration delay(String user, String address) {
        int n = Math.max(count(byUser, user), count(byAddress, address));
        if (n == 0 || baseNanos == 0) return Duration.ZERO;
        long nanos = baseNanos << Math.min(n - 1, 30);
        return Duration.ofNanos(nanos <= 0 || nanos > maxNanos ? maxNanos : nanos);
    }

    /** Counts a failed login; returns the user's count of failures in a row. */
    int failed(String user, String address) {
        raise(byAddress, address);
        return raise(byUser, user);
    }

    void succeeded(String user) {
        byUser.remove(user);
    }

    private int count(Map<String, Failures> table, String key) {
        Failures f = table.get(key);
        return f == null || expired(f) ? 0 : f.count();
    }

    private int raise(Map<String, Failures> table, String key) {
        if (table.size() >= MAX_ENTRIES && !table.containsKey(key)) {
            table.values().removeIf(this::expired);
            if (table.size() >= MAX_ENTRIES) table.clear();
        }
        long now = clock.getAsLong();
        return table.compute(key, (k, f) -> new Failures(f == null || expired(f) ? 1 : f.count() + 1, now)).count();
    }

    private boolean expired(Failures f) {
        return clock.getAsLong() - f.lastNanos() > FORGET_AFTER.toNanos();
    }
}
