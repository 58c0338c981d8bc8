package io.shardsql.snapshot;

import io.shardsql.common.config.ConfigKey;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * Settings of SNAPSHOT (docs/backup.md).
 *
 * @param backupRoot where this node writes the backups it takes ({@code backup.root})
 * @param timeout    how long a snapshot may run before it FAILS ({@code snapshot.timeout})
 */
public record SnapshotSettings(Path backupRoot, Duration timeout) {
    public static final ConfigKey<String> BACKUP_ROOT = ConfigKey.string("backup.root", "",
            "the directory this node writes its backups into (default <node.data-dir>/backups)");
    public static final ConfigKey<Duration> TIMEOUT = ConfigKey.duration("snapshot.timeout", Duration.ofMinutes(10),
            "how long a SNAPSHOT may run before it fails");

    public SnapshotSettings {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("snapshot.timeout must be positive");
        }
    }

    /** The settings in {@code p}; a relative or missing {@code backup.root} is taken under {@code dataDir}. */
    public static SnapshotSettings from(Properties p, Path dataDir) {
        String root = BACKUP_ROOT.get(p);
        Path dir = root.isBlank() ? dataDir.resolve("backups") : dataDir.resolve(root);
        return new SnapshotSettings(dir.toAbsolutePath().normalize(), TIMEOUT.get(p));
    }
}
