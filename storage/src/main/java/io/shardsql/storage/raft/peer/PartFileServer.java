package io.shardsql.storage.raft.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Serves the files of backup parts to the node that copies them into a backup (kinds 3 and 4 of
 * {@link PeerReadFrame}). A request names a path relative to the group's part directory
 * ({@link PartRoots}); a path that leaves it ({@code ..}, an absolute path, a symbolic link) is refused.
 *
 * <pre>
 * kind 3, list a directory      request body:  | dir, relative (UTF-8) ...                         |
 *                               answer:        | count (i32) | { name length (u16) | name | size (i64) } ... |
 * kind 4, read a file's chunk   request body:  | offset (i64) | max length (i32) | file, relative (UTF-8) ... |
 *                               answer:        | bytes ... |   (fewer than asked: the end of the file)
 * refused (status 2):           | reason (UTF-8) ... |
 * </pre>
 *
 * Regular files only are listed and read. Like the rest of the read port, the channel does not
 * authenticate its callers (mutual TLS belongs to the security issue).
 */
final class PartFileServer {
    /** The most a chunk may hold. */
    static final int MAX_CHUNK = 1 << 20;

    private final PartRoots roots;

    PartFileServer(PartRoots roots) {
        this.roots = roots;
    }

    /** The reply frame to {@code request} (kind 3 or 4). */
    ByteBuf serve(ByteBufAllocator alloc, PeerReadFrame.Request request) {
        ByteBuf out = alloc.buffer();
        try {
            byte[] answer = request.kind() == PeerReadFrame.PART_LIST ? list(request) : read(request);
            PeerReadFrame.writeAnswer(out, request.callId(), answer);
        } catch (IOException | RuntimeException e) {
            out.clear();
            PeerReadFrame.writeRefused(out, request.callId(), String.valueOf(e.getMessage()));
        }
        return out;
    }

    private byte[] list(PeerReadFrame.Request request) throws IOException {
        Path dir = resolve(request, new String(request.query(), StandardCharsets.UTF_8));
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) throw new IOException("no directory " + dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        int bytes = Integer.BYTES;
        for (Path f : files) bytes += 2 + name(f).length + Long.BYTES;
        ByteBuffer b = ByteBuffer.allocate(bytes).putInt(files.size());
        for (Path f : files) {
            byte[] name = name(f);
            b.putShort((short) name.length).put(name).putLong(Files.size(f));
        }
        return b.array();
    }

    private byte[] read(PeerReadFrame.Request request) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(request.query());
        long offset = in.getLong();
        int max = Math.min(MAX_CHUNK, in.getInt());
        String rel = new String(request.query(), in.position(), in.remaining(), StandardCharsets.UTF_8);
        Path file = resolve(request, rel);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) throw new IOException("no file " + rel);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long left = Math.max(0, f.length() - offset);
            byte[] chunk = new byte[(int) Math.min(Math.max(0, max), left)];
            f.seek(offset);
            f.readFully(chunk);
            return chunk;
        }
    }

    /** {@code rel} under the group's part directory, or an error if it is not strictly inside it. */
    private Path resolve(PeerReadFrame.Request request, String rel) throws IOException {
        Path root = roots.of(request.group());
        if (root == null || !Files.isDirectory(root)) throw new IOException("no backup parts of that group here");
        Path real = root.toRealPath();
        Path p = real.resolve(rel).normalize();
        if (rel.isEmpty() || Path.of(rel).isAbsolute() || !p.startsWith(real) || p.equals(real)) {
            throw new IOException("path '" + rel + "' is outside the backup parts");
        }
        if (Files.exists(p) && !p.toRealPath().startsWith(real)) {
            throw new IOException("path '" + rel + "' leads outside the backup parts");
        }
        return p;
    }

    private static byte[] name(Path f) {
        return f.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }
}
