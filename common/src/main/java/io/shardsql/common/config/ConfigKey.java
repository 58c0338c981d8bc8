package io.shardsql.common.config;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;

/**
 * One typed configuration key: its name, its default, how to parse it, and what it means, side by
 * side. Keys are grouped by area as constants of the class that uses them.
 *
 * @param <T> the value type; units live in the type ({@link Duration}) or in the name ({@code .bytes}).
 */
public record ConfigKey<T>(String name, T defaultValue, Function<String, T> parser, String description) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parser, "parser");
    }

    public static ConfigKey<String> string(String name, String def, String description) {
        return new ConfigKey<>(name, def, s -> s, description);
    }

    public static ConfigKey<Integer> integer(String name, Integer def, String description) {
        return new ConfigKey<>(name, def, Integer::parseInt, description);
    }

    public static ConfigKey<Long> longKey(String name, Long def, String description) {
        return new ConfigKey<>(name, def, Long::parseLong, description);
    }

    public static ConfigKey<Boolean> bool(String name, Boolean def, String description) {
        return new ConfigKey<>(name, def, ConfigKey::parseBoolean, description);
    }

    /** Durations are written as {@code 1500ms}, {@code 2s}, {@code 5m}, {@code 1h} or an ISO-8601 {@code PT2S}. */
    public static ConfigKey<Duration> duration(String name, Duration def, String description) {
        return new ConfigKey<>(name, def, ConfigKey::parseDuration, description);
    }

    /**
     * A size in bytes, written as a plain number or with a binary unit: {@code 65536}, {@code 64k}, {@code 16MB},
     * {@code 1g} (k/kb = 1024, m/mb = 1024², g/gb = 1024³; case does not matter).
     */
    public static ConfigKey<Long> bytes(String name, Long def, String description) {
        return new ConfigKey<>(name, def, ConfigKey::parseBytes, description);
    }

    /** The value in {@code props}, else the default; a value that does not parse is a clear error. */
    public T get(Properties props) {
        String raw = props.getProperty(name);
        if (raw == null || raw.isBlank()) {
            if (defaultValue == null) {
                throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "missing required setting '" + name + "' ("
                        + description + ")");
            }
            return defaultValue;
        }
        try {
            return parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID,
                    "setting '" + name + "' has a bad value '" + raw.trim() + "': " + description);
        }
    }

    /** The value in {@code props}, if one is set (for settings without a default that are optional). */
    public java.util.Optional<T> find(Properties props) {
        String raw = props.getProperty(name);
        return raw == null || raw.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(get(props));
    }

    public void set(Properties props, T value) {
        props.setProperty(name, String.valueOf(value));
    }

    static boolean parseBoolean(String s) {
        return switch (s.toLowerCase()) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException(s);
        };
    }

    static long parseBytes(String s) {
        String t = s.toLowerCase().replace(" ", "");
        if (t.endsWith("b")) t = t.substring(0, t.length() - 1);
        long unit = 1;
        if (t.endsWith("k")) unit = 1L << 10;
        else if (t.endsWith("m")) unit = 1L << 20;
        else if (t.endsWith("g")) unit = 1L << 30;
        if (unit != 1) t = t.substring(0, t.length() - 1);
        long n = Long.parseLong(t);
        if (n < 0) throw new IllegalArgumentException(s);
        return Math.multiplyExact(n, unit);
    }

    static Duration parseDuration(String s) {
        String t = s.toLowerCase();
        if (t.startsWith("pt")) return Duration.parse(s);
        if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        if (t.endsWith("s")) return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        if (t.endsWith("m")) return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        if (t.endsWith("h")) return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
        throw new IllegalArgumentException(s);
    }
}
