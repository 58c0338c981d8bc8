package io.shardsql.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Sends the server's log to a file so the terminal shows only what the user asked for. */
public final class Logging {
    /** How many earlier runs' logs a start keeps beside the new one ({@code shardsql.log.1} is the last run's). */
    static final int KEPT_RUNS = 5;

    /** JUL holds loggers weakly: keep the one whose level we set. */
    private static final java.util.logging.Logger GRPC =
            java.util.logging.Logger.getLogger("org.apache.ratis.thirdparty.io.grpc");

    private Logging() {}

    /** Only warnings and errors, on stderr (for short commands such as status). */
    public static void quiet() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        GRPC.setLevel(java.util.logging.Level.WARNING);
    }

    /**
     * Must run before the first logger is created. The log of the previous run is kept (rotated, see
     * {@link #rotate}): the logger starts its file afresh, and a node restarted after a crash must not
     * wipe the lines that say what happened before it.
     */
    static void toFile(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            rotate(file, KEPT_RUNS);
        } catch (IOException e) {
            return; // the data directory check reports this properly
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", file.toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.ratis", "warn");
        // Each replica's starts, role changes and elections (a few lines per group and election): what
        // an operator reads first when a replica does not catch up.
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.ratis.server.RaftServer$Division", "info");
        GRPC.setLevel(java.util.logging.Level.WARNING);
    }

    /**
     * Moves {@code file} to {@code file.1}, {@code file.1} to {@code file.2}, and so on; the log
     * {@code file.kept} was is dropped. Nothing happens if {@code file} does not exist.
     */
    static void rotate(Path file, int kept) throws IOException {
        if (!Files.exists(file)) return;
        Files.deleteIfExists(numbered(file, kept));
        for (int i = kept - 1; i >= 1; i--) {
            Path from = numbered(file, i);
            if (Files.exists(from)) Files.move(from, numbered(file, i + 1), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(file, numbered(file, 1), StandardCopyOption.REPLACE_EXISTING);
    }

    /** {@code file} with {@code .n} appended to its name. */
    static Path numbered(Path file, int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }
}
