package io.shardsql.server;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * A node's data directory and its identity file. The first start writes {@code NODE}; every later
 * start checks that the configuration still describes the same cluster, node and membership, and
 * refuses to touch the data otherwise.
 *
 * <pre>
 * &lt;data-dir&gt;/NODE      cluster.name, cluster.id, node.id, cluster.members, cluster.shards, cluster.coordinators,
 *                      cluster.replication
 * &lt;data-dir&gt;/raft/     Ratis storage: one directory per group replica (see ShardStateMachine)
 * &lt;data-dir&gt;/restore/  seeds a restore wrote, one per group (SeedWriter): a replica with no state of its
 *                      own starts from its group's; a directory holding only these starts a restored cluster
 * </pre>
 */
public final class DataDir {
    static final String IDENTITY_FILE = "NODE";

    private final Path root;

    public DataDir(Path root) {
        this.root = root;
    }

    public Path raftDir() { return root.resolve("raft"); }

    /** Creates or checks the directory for {@code config}; throws with one clear message on any mismatch. */
    public void prepare(NodeConfig config) {
        checkUsable();
        Path identity = root.resolve(IDENTITY_FILE);
        Properties expected = identityOf(config);
        if (!Files.exists(identity)) {
            if (Files.isDirectory(raftDir()) && !isEmpty(raftDir())) {
                throw new ShardSqlException(ErrorCode.DATA_DIR_INVALID, "data directory " + root
                        + " holds Raft data but no " + IDENTITY_FILE + " file; refusing to start on it");
            }
            write(identity, expected);
            return;
        }
        Properties found = read(identity);
        compare(found, expected, "cluster.id", "belongs to another cluster ("
                + found.getProperty("cluster.name") + ")");
        compare(found, expected, "node.id", "belongs to node " + found.getProperty("node.id"));
        compare(found, expected, "cluster.members", "was created with members " + found.getProperty("cluster.members"));
        compare(found, expected, "cluster.shards", "was created with "
                + found.getProperty("cluster.shards") + " shards");
        compare(found, expected, "cluster.coordinators", "was created with " + found.getProperty("cluster.coordinators")
                + " coordinator groups");
        compare(found, expected, "cluster.replication", "was created with replication "
                + found.getProperty("cluster.replication"));
    }

    private void compare(Properties found, Properties expected, String key, String what) {
        if (!expected.getProperty(key).equals(found.getProperty(key))) {
            throw new ShardSqlException(ErrorCode.DATA_DIR_INVALID, "data directory " + root + " " + what
                    + ", but the configuration says " + key + "=" + expected.getProperty(key) + "; refusing to start");
        }
    }

    private void checkUsable() {
        try {
            Files.createDirectories(root);
        } catch (AccessDeniedException e) {
            throw new ShardSqlException(ErrorCode.DATA_DIR_INVALID, "cannot create data directory " + root
                    + ": permission denied");
        } catch (IOException e) {
            throw new ShardSqlException(ErrorCode.DATA_DIR_INVALID, "cannot create data directory " + root
                    + ": " + e.getMessage());
        }
        if (!Files.isDirectory(root)) {
            throw new ShardSqlException(ErrorCode.DATA_DIR_INVALID, root + " is not a directory");
        }
        if (!Files.isReadable(root) || !Files.isWritable(root) || !Files.isExecutable(root)) {
            throw new ShardSqlException(ErrorCode.DATA_DIR_INVALID, "data directory " + root
                    + " is not readable and writable");
        }
    }

    private static Properties identityOf(NodeConfig c) {
        Properties p = new Properties();
        p.setProperty("cluster.name", c.clusterName());
        p.setProperty("cluster.id", c.clusterId().toString());
        p.setProperty("node.id", c.nodeId());
        p.setProperty("cluster.members", c.membersSpec());
        p.setProperty("cluster.shards", Integer.toString(c.shards()));
        p.setProperty("cluster.coordinators", Integer.toString(c.coordinators()));
        p.setProperty("cluster.replication", Integer.toString(c.replication()));
        return p;
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ShardSqlException(ErrorCode.DATA_DIR_INVALID, "cannot read " + file + ": " + e.getMessage());
        }
        return p;
    }

    private static void write(Path file, Properties p) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "ShardSQL node identity: do not edit");
        } catch (IOException e) {
            throw new ShardSqlException(ErrorCode.DATA_DIR_INVALID, "cannot write " + file + ": " + e.getMessage());
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ShardSqlException(ErrorCode.DATA_DIR_INVALID, "cannot write " + file + ": " + e.getMessage());
        }
    }

    private static boolean isEmpty(Path dir) {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
