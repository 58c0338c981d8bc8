package io.shardsql.snapshot;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.raft.machine.Checkpoints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The directory backups go to ({@code backup.root}), and the one check every backup name passes: a
 * plain name of letters, digits, {@code .}, {@code _} and {@code -}, not {@code .} or {@code ..}, at most
 * 64 characters, that names a directory right under the root — no path, no escape, no link. A name
 * that fails is {@code INVALID_BACKUP_NAME} (42602); one that is taken is {@code DUPLICATE_OBJECT}
 * (42710), and nothing is overwritten.
 */
public final class BackupRoot {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final Path root;

    public BackupRoot(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path path() { return root; }

    /** The directory of backup {@code name}, which must not exist yet. */
    public Path newBackup(String name) {
        Path dir = resolve(name);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new ShardSqlException(ErrorCode.DUPLICATE_OBJECT,
                    "a backup named '" + name + "' already exists in " + root);
        }
        return dir;
    }

    /** The directory of the existing backup {@code name}. */
    public Path existing(String name) {
        Path dir = resolve(name);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new ShardSqlException(ErrorCode.UNDEFINED_OBJECT, "no backup named '" + name + "' in " + root);
        }
        return dir;
    }

    /**
     * Deletes the directory of backup {@code name} (the name checked as always; nothing to do if it is
     * gone) and returns it. A backup directory that is a symbolic link, or a root that is one, is refused
     * ({@code INVALID_BACKUP_NAME}) and nothing is deleted; links inside are deleted, never followed.
     */
    public Path delete(String name) throws IOException {
        Path dir = resolve(name);
        if (Files.isSymbolicLink(root) || Files.isSymbolicLink(dir)) {
            throw new ShardSqlException(ErrorCode.INVALID_BACKUP_NAME, "backup '" + name + "' in " + root
                    + " is reached through a symbolic link; not deleting it");
        }
        Checkpoints.deleteTree(dir);
        return dir;
    }

    /** Where backup {@code name} lives under the root, after every check of the name. */
    public Path resolve(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.equals("..") || name.contains("..")) {
            throw new ShardSqlException(ErrorCode.INVALID_BACKUP_NAME, "'" + name + "' is not a valid backup name:"
                    + " use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit, and no '..'");
        }
        Path dir = root.resolve(name).normalize();
        if (!dir.getParent().equals(root)) {
            throw new ShardSqlException(ErrorCode.INVALID_BACKUP_NAME, "backup name '" + name + "' escapes " + root);
        }
        return dir;
    }

    /** Creates the root if it is missing; refuses a root that is a symbolic link or not a directory. */
    public void ensureExists() {
        try {
            if (Files.isSymbolicLink(root)) {
                throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "backup.root " + root + " is a symbolic link");
            }
            OwnerOnly.createDirectories(root); // an existing root keeps its permissions; each backup is 0700
        } catch (IOException e) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID,
                    "backup.root " + root + " is not usable: " + e.getMessage(), e);
        }
    }
}
