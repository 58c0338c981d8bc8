package io.shardsql.snapshot;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Backups hold the users' password verifiers (SCRAM stored and server keys) with the rest of
 * {@code control}: their directories are made {@code rwx------} (0700) and their files {@code rw-------}
 * (0600), readable by the node's own OS user only, where the file system has POSIX permissions
 * (elsewhere the directory's inherited access control applies; docs/security.md says so).
 */
public final class OwnerOnly {
    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {}

    /** Creates {@code dir} (its parent must exist) readable by the owner only from the start. */
    public static void createDirectory(Path dir) throws IOException {
        if (POSIX) Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        else Files.createDirectory(dir);
    }

    /** Creates {@code dir} and missing parents; the directories it creates are readable by the owner only. */
    public static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) createDirectories(parent);
        try {
            createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) throw e;
        }
    }

    /** Makes every directory under {@code root} (itself included) 0700 and every file 0600; links are left alone. */
    public static void restrictTree(Path root) throws IOException {
        if (!POSIX) return;
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.toList();
        }
        for (Path p : all) {
            if (Files.isSymbolicLink(p)) continue;
            Files.setPosixFilePermissions(p, Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? DIRECTORY : FILE);
        }
    }
}
