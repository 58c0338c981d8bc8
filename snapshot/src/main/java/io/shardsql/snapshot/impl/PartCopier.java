package io.shardsql.snapshot.impl;

import io.shardsql.storage.net.NodeTls;
import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.snapshot.log.PartTaken;
import io.shardsql.snapshot.log.SnapshotLogExtension;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.storage.raft.peer.PartFetchClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Copies one group's part of an epoch into a backup: from this node's replica if it has the part, else
 * from another replica over its read port ({@link PartFetchClient}). Each attempt copies into
 * {@code <group>.tmp-<node>}, checks every file against the part's {@code CHECKPOINT.crc} and its log
 * position against the marker's reply, and only then renames it to {@code <group>} (atomically); a
 * failed attempt is deleted and the next replica tried. A local replica that has not applied the marker
 * yet is waited for a little ({@link #LOCAL_WAIT_MILLIS}). Safe to call for several groups at once.
 */
final class PartCopier {
    private static final Logger LOG = LoggerFactory.getLogger(PartCopier.class);
    /** How long a local replica that has not applied the marker yet is waited for before another is asked. */
    static final long LOCAL_WAIT_MILLIS = 5_000;
    private static final long LOCAL_POLL_MILLIS = 10;
    private final String self;
    private final ShardMap map;
    private final Function<GroupName, Path> localExtDirs;
    private final Map<String, InetSocketAddress> peers;
    private final int timeoutMillis;
    private final NodeTls tls;

    /**
     * @param localExtDirs this node's {@code sm/ext} directory of a group; null if it has no replica of it
     * @param peers        the read ports of the other nodes, by node id
     */
    PartCopier(String self, ShardMap map, Function<GroupName, Path> localExtDirs, Map<String, InetSocketAddress> peers,
               int timeoutMillis, NodeTls tls) {
        this.tls = tls;
        this.self = self;
        this.map = map;
        this.localExtDirs = localExtDirs;
        this.peers = peers;
        this.timeoutMillis = timeoutMillis;
    }

    /** Copies {@code group}'s part of {@code expected.epoch()} into {@code backupDir/<group>}, verified. */
    Checkpoints.Checkpoint copy(GroupName group, PartTaken expected, Path backupDir) {
        List<String> replicas = new ArrayList<>(map.group(group).replicas());
        if (replicas.remove(self)) replicas.add(0, self);
        List<String> errors = new ArrayList<>();
        for (String node : replicas) {
            Path tmp = backupDir.resolve(group + ".tmp-" + node);
            try {
                Checkpoints.deleteTree(tmp);
                Files.createDirectories(tmp);
                long t0 = System.nanoTime();
                if (node.equals(self)) copyLocal(group, expected.epoch(), tmp);
                else copyRemote(node, group, expected.epoch(), tmp);
                Checkpoints.Checkpoint cp = Checkpoints.read(tmp)
                        .orElseThrow(() -> new IOException("the part's CHECKPOINT.crc is missing or damaged"));
                long t1 = System.nanoTime();
                Checkpoints.verify(cp);
                long t2 = System.nanoTime();
                if (cp.term() != expected.term() || cp.index() != expected.index()) {
                    throw new IOException("the part is cut at (" + cp.term() + ", " + cp.index() + "), the marker at ("
                            + expected.term() + ", " + expected.index() + ")");
                }
                Checkpoints.syncTree(tmp); // durable before the manifest can name it
                Path target = backupDir.resolve(group.toString());
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                Checkpoints.sync(backupDir);
                LOG.debug("part {} from {}: copied in {} ms, verified in {} ms, synced and moved in {} ms", group,
                        node.equals(self) ? "local" : "remote " + node, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                        (System.nanoTime() - t2) / 1_000_000);
                return Checkpoints.read(target).orElseThrow();
            } catch (IOException | RuntimeException e) {
                errors.add(node + ": " + e.getMessage());
                try {
                    Checkpoints.deleteTree(tmp);
                } catch (IOException ignored) {
                    // left behind; the backup is not sealed by it
                }
                if (Thread.currentThread().isInterrupted()) break;
            }
        }
        throw new ShardSqlException(ErrorCode.UNAVAILABLE, "no replica could supply the part of " + group + " in epoch "
                + expected.epoch() + ": " + errors);
    }

    private void copyLocal(GroupName group, long epoch, Path tmp) throws IOException {
        Path ext = localExtDirs.apply(group);
        if (ext == null) throw new IOException("no replica here");
        Path part = ext.resolve(SnapshotLogExtension.PARTS_DIR).resolve(Long.toString(epoch));
        Checkpoints.Checkpoint cp = awaitSealed(part)
                .orElseThrow(() -> new IOException("this replica has no sealed part of epoch " + epoch + " after "
                        + LOCAL_WAIT_MILLIS + " ms"));
        for (String f : cp.files()) Files.copy(part.resolve(f), tmp.resolve(f));
        Files.copy(part.resolve(Checkpoints.MANIFEST), tmp.resolve(Checkpoints.MANIFEST));
    }

    /**
     * The local replica's part once it is sealed. The marker's reply comes from the leader; a follower here
     * applies the marker a little later, and copying its part from the disk beats fetching another
     * replica's over the network, so it is given {@link #LOCAL_WAIT_MILLIS} to catch up.
     */
    private static Optional<Checkpoints.Checkpoint> awaitSealed(Path part) throws IOException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOCAL_WAIT_MILLIS);
        while (true) {
            Optional<Checkpoints.Checkpoint> cp = Checkpoints.read(part);
            if (cp.isPresent() || System.nanoTime() - until > 0) return cp;
            try {
                Thread.sleep(LOCAL_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the local part " + part);
            }
        }
    }

    private void copyRemote(String node, GroupName group, long epoch, Path tmp) throws IOException {
        InetSocketAddress address = peers.get(node);
        if (address == null) throw new IOException("node " + node + " has no read port");
        try (PartFetchClient client = new PartFetchClient(address, map.raftGroup(group).getGroupId(), timeoutMillis,
                tls)) {
            String dir = Long.toString(epoch);
            Map<String, Long> files = client.list(dir);
            if (!files.containsKey(Checkpoints.MANIFEST)) throw new IOException("no sealed part of epoch " + epoch);
            for (Map.Entry<String, Long> f : files.entrySet()) {
                client.copy(dir + "/" + f.getKey(), f.getValue(), tmp.resolve(f.getKey()));
            }
        }
    }
}
