package io.shardsql.snapshot.impl;

import io.shardsql.storage.net.NodeTls;
import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.snapshot.BackupRoot;
import io.shardsql.snapshot.SnapshotInfo;
import io.shardsql.storage.raft.peer.PartFetchClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Deletes a backup's files on the node that keeps them, for DROP SNAPSHOT: this node's own backups under
 * its {@code backup.root}; another node's through that node's read port (kind 5, which deletes only a
 * checked name right under that node's own root). Tells the driver whether anything may have changed:
 * a node not reached is {@code CLUSTER_NOT_READY} (57P03), a deletion that broke off {@code STORAGE_FAILURE}
 * (58030).
 */
final class BackupDrop {
    private static final Logger LOG = LoggerFactory.getLogger(BackupDrop.class);

    /** What became of a deletion. */
    sealed interface Outcome {
        /** The files are gone (or were already). */
        record Deleted(String directory) implements Outcome {}

        /** The keeping node was not reached: nothing was deleted. */
        record NotReached(ShardSqlException error) implements Outcome {}

        /** The deletion was asked for and did not finish: some files may be gone. */
        record BrokeOff(ShardSqlException error) implements Outcome {}
    }

    private final String node;
    private final BackupRoot root;
    private final Map<String, InetSocketAddress> peers;
    private final int timeoutMillis;
    private final NodeTls tls;

    /** Drops for node {@code node}, whose backups are under {@code root}; other nodes' read ports in {@code peers}. */
    BackupDrop(String node, BackupRoot root, Map<String, InetSocketAddress> peers, int timeoutMillis) {
        this(node, root, peers, timeoutMillis, NodeTls.OFF);
    }

    /** A deleter reaching the other nodes over {@code tls}. */
    BackupDrop(String node, BackupRoot root, Map<String, InetSocketAddress> peers, int timeoutMillis, NodeTls tls) {
        this.tls = tls;
        this.node = node;
        this.root = root;
        this.peers = Map.copyOf(peers);
        this.timeoutMillis = timeoutMillis;
    }

    /** Deletes the files of {@code s} where they are. */
    Outcome delete(SnapshotInfo s) {
        if (s.node().equals(node)) {
            try {
                return new Outcome.Deleted(root.delete(s.name()).toString());
            } catch (IOException | RuntimeException e) {
                return new Outcome.BrokeOff(brokeOff(s, e.getMessage(), e));
            }
        }
        InetSocketAddress address = peers.get(s.node());
        if (address == null) {
            return new Outcome.NotReached(new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "snapshot '"
                    + s.name() + "' is kept by node " + s.node() + " in " + s.directory() + ", whose read port"
                    + " this node does not know (storage.raft.peer); drop it through that node"));
        }
        PartFetchClient client;
        try {
            client = PartFetchClient.forBackups(address, timeoutMillis, tls);
        } catch (ShardSqlException e) {
            return new Outcome.NotReached(new ShardSqlException(ErrorCode.CLUSTER_NOT_READY, "snapshot '" + s.name()
                    + "' is kept by node " + s.node() + " in " + s.directory() + ", which cannot be reached ("
                    + e.getMessage() + "); nothing was dropped", e));
        }
        try (client) {
            String dir = client.dropBackup(s.name());
            LOG.info("snapshot '{}': node {} deleted {}", s.name(), s.node(), dir);
            return new Outcome.Deleted(dir);
        } catch (ShardSqlException e) {
            return new Outcome.BrokeOff(brokeOff(s, e.getMessage(), e));
        }
    }

    private static ShardSqlException brokeOff(SnapshotInfo s, String why, Exception cause) {
        return new ShardSqlException(ErrorCode.STORAGE_FAILURE, "snapshot '" + s.name() + "' is DROPPING: its files in "
                + s.directory() + " on node " + s.node() + " could not all be deleted (" + why
                + "); DROP SNAPSHOT again to finish", cause);
    }
}
