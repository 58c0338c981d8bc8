package io.shardsql.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Sends the server's log to a file so the terminal shows only what the user asked for. */
public final class Logging {
    /** JUL holds loggers weakly: keep the one whose level we set. */
    private static final java.util.logging.Logger GRPC = java.util.logging.Logger.getLogger("org.apache.ratis.thirdparty.io.grpc");

    private Logging() {}

    /** Only warnings and errors, on stderr (for short commands such as status). */
    public static void quiet() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        GRPC.setLevel(java.util.logging.Level.WARNING);
    }

    /** Must run before the first logger is created. */
    static void toFile(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
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
}
