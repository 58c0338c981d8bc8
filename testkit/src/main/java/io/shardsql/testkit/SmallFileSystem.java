package io.shardsql.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small file system a test mounts (a {@code tmpfs} of a given size) to run one node out of disk space:
 * {@link #fill} writes a filler file until the file system is full, {@link #free} deletes it. Mounting
 * needs root (or {@code CAP_SYS_ADMIN}); {@link #mount} says why it could not, so the test can skip with
 * that message. {@link #close} always unmounts (lazily, if something still holds a file open).
 */
public final class SmallFileSystem implements AutoCloseable {
    private final Path dir;
    private final Path filler;
    /** Unmounts if the JVM ends before {@link #close} (a test timed out and the JVM was stopped). */
    private final Thread unmountAtExit;

    private SmallFileSystem(Path dir) {
        this.dir = dir;
        this.filler = dir.resolve("filler");
        this.unmountAtExit = new Thread(() -> {
            try {
                run(List.of("umount", "-l", dir.toString()));
            } catch (IOException e) {
                // the JVM is ending: nothing more to do
            }
        }, "unmount " + dir);
        Runtime.getRuntime().addShutdownHook(unmountAtExit);
    }

    /** Mounts a tmpfs of {@code megabytes} on {@code dir} (created if missing); throws if it cannot. */
    public static SmallFileSystem mount(Path dir, int megabytes) throws IOException {
        Files.createDirectories(dir);
        String out = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString()));
        if (out != null) throw new IOException("cannot mount a tmpfs on " + dir + ": " + out);
        return new SmallFileSystem(dir);
    }

    public Path dir() { return dir; }

    /** Bytes still free for this user. */
    public long usableBytes() throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }

    /** Writes the filler file until the file system is full; returns how many bytes it took. */
    public long fill() throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException full) {
            // no space left: what is written stays
        }
        return written;
    }

    /** Deletes the filler file: the space returns. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(unmountAtExit);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook unmounts
        }
        String out = run(List.of("umount", dir.toString()));
        if (out != null) out = run(List.of("umount", "-l", dir.toString()));
        if (out != null) throw new IOException("cannot unmount " + dir + ": " + out);
    }

    /** Runs a command; null if it succeeded, else what it printed. */
    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", command) + " did not finish";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes()).trim();
        return p.exitValue() == 0 ? null : out + " (exit " + p.exitValue() + ")";
    }
}
