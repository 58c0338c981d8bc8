package io.shardsql.storage.raft.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.net.NodeTls;
import org.apache.ratis.protocol.RaftGroupId;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Fetches backup parts from another node's read port ({@link PartFileServer}): one blocking socket per
 * fetch, requests one at a time; any I/O error, refusal or silence past the timeout is a
 * {@code ShardSqlException(UNAVAILABLE)} and the caller tries another replica. With the node's
 * {@link NodeTls} on, the socket runs over mutual TLS as every link between nodes does (a handshake the
 * other node refuses is {@code UNAVAILABLE} too); callers check what they fetched against its
 * {@code CHECKPOINT.crc}.
 */
public final class PartFetchClient implements AutoCloseable {
    /** The group a backup request names: none in particular (kind 5 does not read it). */
    private static final RaftGroupId NO_GROUP = RaftGroupId.valueOf(new UUID(0, 1));
    private static final int BUFFER_BYTES = 64 * 1024;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final RaftGroupId group;
    private long callIds;

    /** Connects to the read port at {@code address} for the parts of {@code group}. */
    public PartFetchClient(InetSocketAddress address, RaftGroupId group, int timeoutMillis) {
        this(address, group, timeoutMillis, NodeTls.OFF);
    }

    /** Connects over {@code tls} to the read port at {@code address} for the parts of {@code group}. */
    public PartFetchClient(InetSocketAddress address, RaftGroupId group, int timeoutMillis, NodeTls tls) {
        this.group = group;
        try {
            InetSocketAddress resolved = address.isUnresolved()
                    ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
            Socket plain = new Socket();
            try {
                plain.connect(resolved, timeoutMillis);
                plain.setSoTimeout(timeoutMillis);
                plain.setTcpNoDelay(true); // one request, then its reply: never wait for a delayed ACK
            } catch (IOException e) {
                plain.close();
                throw e;
            }
            socket = tls.secure(plain, address);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES));
            out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES));
        } catch (IOException e) {
            throw unavailable("cannot connect to " + address + ": " + e.getMessage());
        }
    }

    /**
     * Connects to the read port at {@code address} to delete backups kept by that node
     * ({@link #dropBackup}); a failure to connect is {@code UNAVAILABLE} and nothing was asked.
     */
    public static PartFetchClient forBackups(InetSocketAddress address, int timeoutMillis) {
        return forBackups(address, timeoutMillis, NodeTls.OFF);
    }

    /** {@link #forBackups(InetSocketAddress, int)} over {@code tls}. */
    public static PartFetchClient forBackups(InetSocketAddress address, int timeoutMillis, NodeTls tls) {
        return new PartFetchClient(address, NO_GROUP, timeoutMillis, tls);
    }

    /**
     * Asks that node to delete its backup {@code name} (kind 5, {@link BackupDeleter}) and returns the
     * directory it deleted; a refusal or a broken exchange is {@code UNAVAILABLE} with the reason (the
     * deletion may then have begun).
     */
    public String dropBackup(String name) {
        return new String(call(PeerReadFrame.BACKUP_DROP, name.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    /** The regular files in {@code dir} (relative to the group's part directory there), by name, with sizes. */
    public Map<String, Long> list(String dir) {
        ByteBuffer b = ByteBuffer.wrap(call(PeerReadFrame.PART_LIST, dir.getBytes(StandardCharsets.UTF_8)));
        Map<String, Long> files = new LinkedHashMap<>();
        for (int n = b.getInt(); n > 0; n--) {
            byte[] name = new byte[b.getShort() & 0xFFFF];
            b.get(name);
            files.put(new String(name, StandardCharsets.UTF_8), b.getLong());
        }
        return files;
    }

    /** Copies {@code file} (relative to the group's part directory there) of {@code size} bytes into {@code target}. */
    public void copy(String file, long size, Path target) {
        byte[] rel = file.getBytes(StandardCharsets.UTF_8);
        try (OutputStream o = Files.newOutputStream(target)) {
            long offset = 0;
            while (offset < size) {
                byte[] req = ByteBuffer.allocate(12 + rel.length).putLong(offset)
                        .putInt(PartFileServer.MAX_CHUNK).put(rel).array();
                byte[] chunk = call(PeerReadFrame.PART_READ, req);
                if (chunk.length == 0) throw unavailable(file + " ended at " + offset + " of " + size + " bytes");
                o.write(chunk);
                offset += chunk.length;
            }
        } catch (IOException e) {
            throw unavailable("cannot write " + target + ": " + e.getMessage());
        }
    }

    private byte[] call(byte kind, byte[] body) {
        long id = ++callIds;
        ByteBuf request = Unpooled.buffer(PeerReadFrame.HEADER_BYTES + body.length);
        PeerReadFrame.writeRequest(request, id, kind, group, body);
        try {
            out.writeInt(request.readableBytes());
            request.readBytes(out, request.readableBytes());
            out.flush();
            int length = in.readInt();
            if (length < PeerReadFrame.REPLY_HEADER_BYTES || length > PeerReadFrame.MAX_FRAME_BYTES) {
                throw unavailable("a reply frame of " + length + " bytes");
            }
            byte[] frame = new byte[length];
            in.readFully(frame);
            ByteBuffer reply = ByteBuffer.wrap(frame);
            if (reply.getLong() != id) throw unavailable("a reply to another call");
            byte status = reply.get();
            byte[] rest = new byte[reply.remaining()];
            reply.get(rest);
            if (status == PeerReadFrame.ANSWERED) return rest;
            throw unavailable("refused: " + new String(rest, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unavailable(e.toString());
        } finally {
            request.release();
        }
    }

    private ShardSqlException unavailable(String why) {
        return new ShardSqlException(ErrorCode.UNAVAILABLE, "fetching a backup part: " + why);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
