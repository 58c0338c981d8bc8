package io.shardsql.storage.memory;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.AppliedIndex;
import io.shardsql.storage.Lock;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The file an {@link InMemoryMvccStore} keeps its state in ({@value #NAME} in its directory), on close
 * and as a checkpoint. Big-endian, sections in this order, a CRC-32C of everything before it at the end:
 *
 * <pre>
 * | magic "SQLMEM" (6) | format (2) = 2 | applied term (8) | applied index (8) |
 * | meta n (4)       | n x ( name: bytes | value: bytes )                         |
 * | versioned keys n (4) | n x ( key: bytes | versions m (4) | m x ( commitTs (8) | value: nullable bytes ) ) |
 * | locks n (4)      | n x ( key: bytes | holders h (4) | h x holder )            |
 * holder := | mode (1): 0 WRITE, 1 EXCLUSIVE, 2 SHARED | startTs (8) | owner: bytes | value: nullable bytes |
 *           | ttl millis (8) |
 * | candidates n (4) | n x key: bytes                                             |
 * | crc32c (8)                                                                    |
 * bytes := | length (4) | content |;  nullable bytes := | length (4), -1 for null | content |
 * </pre>
 *
 * Format 1 (before row locks) wrote each lock as one write-intent holder without the count and mode:
 * {@code | key: bytes | startTs (8) | owner: bytes | value: nullable bytes | ttl millis (8) |}; it is still read.
 * A file is written beside its final name and moved over it, so a crash leaves the old file or the new.
 */
final class StoreFile {
    static final String NAME = "memstore.bin";
    private static final byte[] MAGIC = "SQLMEM".getBytes(StandardCharsets.US_ASCII);
    private static final short FORMAT = 2;
    private static final short FORMAT_WRITE_INTENTS_ONLY = 1;

    private StoreFile() {}

    static void write(MemoryState state, Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (OutputStream raw = Files.newOutputStream(tmp)) {
                CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw), new CRC32C());
                DataOutputStream out = new DataOutputStream(checked);
                writeState(state, out);
                out.flush();
                long crc = checked.getChecksum().getValue();
                out.writeLong(crc);
                out.flush();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ShardSqlException(ErrorCode.STORAGE_FAILURE, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeState(MemoryState state, DataOutputStream out) throws IOException {
        out.write(MAGIC);
        out.writeShort(FORMAT);
        out.writeLong(state.applied.term());
        out.writeLong(state.applied.index());
        out.writeInt(state.meta.size());
        for (Map.Entry<String, byte[]> e : state.meta.entrySet()) {
            bytes(out, e.getKey().getBytes(StandardCharsets.UTF_8));
            bytes(out, e.getValue());
        }
        out.writeInt(state.versions.size());
        for (Map.Entry<byte[], NavigableMap<Long, byte[]>> e : state.versions.entrySet()) {
            bytes(out, e.getKey());
            out.writeInt(e.getValue().size());
            for (Map.Entry<Long, byte[]> v : e.getValue().entrySet()) {
                out.writeLong(v.getKey());
                bytes(out, v.getValue());
            }
        }
        out.writeInt(state.locks.size());
        for (Map.Entry<byte[], Lock> e : state.locks.entrySet()) {
            bytes(out, e.getKey());
            List<Lock> holders = e.getValue().holders();
            out.writeInt(holders.size());
            for (Lock l : holders) {
                out.writeByte(l.mode().ordinal());
                out.writeLong(l.startTs());
                bytes(out, l.owner());
                bytes(out, l.value());
                out.writeLong(l.ttlMillis());
            }
        }
        out.writeInt(state.candidates.size());
        for (byte[] c : state.candidates) bytes(out, c);
    }

    /** Reads {@code file}; throws {@code STORAGE_CORRUPTED} if it is not a whole, intact store file. */
    static MemoryState read(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw), new CRC32C());
            DataInputStream in = new DataInputStream(checked);
            MemoryState state = readState(in, file);
            long computed = checked.getChecksum().getValue();
            long stored = in.readLong();
            if (stored != computed) throw corrupted(file, "checksum mismatch");
            if (in.read() != -1) throw corrupted(file, "bytes after the checksum");
            return state;
        } catch (EOFException e) {
            throw corrupted(file, "truncated");
        } catch (IOException e) {
            throw new ShardSqlException(ErrorCode.STORAGE_FAILURE, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code file} through, checking its checksum; throws as {@link #read} does. */
    static void verify(Path file) {
        read(file);
    }

    private static MemoryState readState(DataInputStream in, Path file) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) throw corrupted(file, "not an in-memory store file");
        short format = in.readShort();
        if (format != FORMAT && format != FORMAT_WRITE_INTENTS_ONLY) throw corrupted(file, "unknown format " + format);
        MemoryState state = new MemoryState();
        state.applied = new AppliedIndex(in.readLong(), in.readLong());
        for (int i = in.readInt(); i > 0; i--) state.meta.put(new String(bytes(in, file), StandardCharsets.UTF_8),
                bytes(in, file));
        for (int i = in.readInt(); i > 0; i--) {
            byte[] key = bytes(in, file);
            NavigableMap<Long, byte[]> versions = MemoryState.newVersions();
            for (int j = in.readInt(); j > 0; j--) versions.put(in.readLong(), nullableBytes(in, file));
            state.versions.put(key, versions);
        }
        for (int i = in.readInt(); i > 0; i--) {
            byte[] key = bytes(in, file);
            if (format == FORMAT_WRITE_INTENTS_ONLY) {
                state.locks.put(key, holder(in, file, Lock.Mode.WRITE));
                continue;
            }
            List<Lock> holders = new ArrayList<>();
            for (int h = in.readInt(); h > 0; h--) holders.add(holder(in, file, mode(in.readByte(), file)));
            try {
                state.locks.put(key, Lock.of(holders).orElseThrow(() -> corrupted(file, "a lock without holders")));
            } catch (IllegalArgumentException e) {
                throw corrupted(file, e.getMessage());
            }
        }
        for (int i = in.readInt(); i > 0; i--) state.candidates.add(bytes(in, file));
        return state;
    }

    private static Lock holder(DataInputStream in, Path file, Lock.Mode mode) throws IOException {
        long startTs = in.readLong();
        byte[] owner = bytes(in, file);
        byte[] value = nullableBytes(in, file);
        long ttl = in.readLong();
        try {
            return new Lock(startTs, owner, value, ttl, mode, List.of());
        } catch (IllegalArgumentException e) {
            throw corrupted(file, e.getMessage());
        }
    }

    private static Lock.Mode mode(byte b, Path file) {
        if (b < 0 || b >= Lock.Mode.values().length) throw corrupted(file, "unknown lock mode " + b);
        return Lock.Mode.values()[b];
    }

    private static void bytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] bytes(DataInputStream in, Path file) throws IOException {
        byte[] b = nullableBytes(in, file);
        if (b == null) throw corrupted(file, "a missing value where one is required");
        return b;
    }

    private static byte[] nullableBytes(DataInputStream in, Path file) throws IOException {
        int n = in.readInt();
        if (n == -1) return null;
        if (n < 0) throw corrupted(file, "a length of " + n);
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static ShardSqlException corrupted(Path file, String why) {
        return new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "store file " + file + " is corrupted: " + why);
    }
}
