package io.shardsql.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The disk's floor for one durable log append: 4 KiB written at the next position of a preallocated
 * file, then {@link FileChannel#force force(false)} (fdatasync), one at a time. This is what a Raft log
 * does per flush (Ratis preallocates its segments and forces the channel the same way), without
 * anything around it. The file lives in the given directory (the one the benchmarked cluster uses),
 * wraps around at {@value #FILE_BYTES} bytes and is deleted on close.
 */
final class FsyncFloor implements Load.Operation, AutoCloseable {
    static final int BLOCK_BYTES = 4096;
    private static final long FILE_BYTES = 64L << 20;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK_BYTES);
    private long position;

    FsyncFloor(Path dir) throws IOException {
        file = Files.createTempFile(dir, "fsync-floor", ".bin");
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ);
        preallocate();
    }

    private void preallocate() throws IOException {
        ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
        for (long at = 0; at < FILE_BYTES; at += zeros.capacity()) {
            zeros.clear();
            while (zeros.hasRemaining()) channel.write(zeros, at + zeros.position());
        }
        channel.force(true);
    }

    /** One 4 KiB write and its fdatasync; not thread-safe (run it in one thread). */
    @Override
    public void run(int thread, long seq) throws IOException {
        block.clear();
        block.putLong(0, seq);
        while (block.hasRemaining()) channel.write(block, position + block.position());
        channel.force(false);
        position = (position + BLOCK_BYTES) % FILE_BYTES;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
