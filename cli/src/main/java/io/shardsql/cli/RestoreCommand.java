package io.shardsql.cli;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.server.EmbeddedCluster;
import io.shardsql.server.NodeConfig;
import io.shardsql.snapshot.BackupManifest;
import io.shardsql.snapshot.restore.CutNormalizer;
import io.shardsql.snapshot.restore.RestorePlan;
import io.shardsql.snapshot.restore.SeedWriter;
import io.shardsql.snapshot.verify.BackupVerifier;
import io.shardsql.snapshot.verify.VerifyReport;
import io.shardsql.storage.raft.machine.Checkpoints;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code shardsql restore --from B --data-dir D}: builds the data directory of a new cluster — the one
 * {@code shardsql start --data-dir D} runs, with the same {@code --port} and {@code --shards} — from the
 * backup {@code B}. With {@code --config FILE} instead, it builds one node of a multi-machine cluster (the
 * one {@code shardsql node --config FILE} runs): the file's {@code node.data-dir}, seeded with the groups
 * the file's layout places on that node; run it on every machine. It refuses a target that is not empty
 * (touching nothing), verifies the backup first, and seeds every replica of {@code control} and of each
 * shard it builds ({@code <node>/restore/<group>/}); the cluster's first start serves the restored data,
 * users and catalog included.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Build a new cluster's data directory from a backup; then run start --data-dir on it "
                + "(or, with --config, one node's, then node --config on every machine).")
final class RestoreCommand implements Callable<Integer> {
    private static final int DEFAULT_PORT = 9470;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "the backup directory")
    Path from;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "the new cluster's data directory (as start takes it): must not exist or be empty")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "restore this machine's node of a multi-machine "
            + "cluster instead: its configuration, as node --config takes it; the target is its node.data-dir")
    Path config;

    @Option(names = "--port", description = "SQL port of the first node, as start takes it (default: "
            + DEFAULT_PORT + ")")
    Integer port;

    @Option(names = "--shards", description = "number of shards, as start takes it (default: the backup's; "
            + "it must be the backup's)")
    Integer shards;

    /** Whether progress is drawn as a bar (a terminal) or written as lines; tests set it. */
    boolean terminal = System.console() != null;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        NodeConfig node = config == null ? null : nodeConfig();
        if (node == null && dataDir == null) usage("give --data-dir DIR (start's layout) or --config FILE (one node)");
        Path target = node != null ? node.dataDir() : dataDir.toAbsolutePath();
        requireEmpty(target);
        try (BackupStores stores = new BackupStores()) {
            VerifyReport report = new BackupVerifier(stores.readOnly()).verify(from.toAbsolutePath());
            out.print(report.render());
            out.flush();
            if (!report.ok()) {
                throw new ShardSqlException(ErrorCode.BACKUP_DAMAGED, "refusing to restore " + from
                        + ": it did not verify (" + report.problems().get(0) + ")");
            }
            BackupManifest m = report.manifest().orElseThrow();
            RestorePlan plan = node != null ? planForNode(m, node) : planForStart(m, target);
            boolean created = !Files.exists(target);
            try {
                RestoreProgress progress = new RestoreProgress(out, terminal);
                new SeedWriter(stores.readWrite(), target.resolve(".restore-staging"), progress)
                        .write(plan, new CutNormalizer(m, plan.target()));
            } catch (IOException | RuntimeException e) {
                clear(target, created); // leave the target as it was found
                throw e;
            }
            out.println("restored backup " + m.name() + " (epoch " + m.epoch() + ", cut " + m.cutTs() + ") into "
                    + target + "; " + howToStart(node, plan));
            out.flush();
            return 0;
        }
    }

    /** The node to restore; {@code --port}, {@code --shards} and another data directory do not go with it. */
    private NodeConfig nodeConfig() {
        if (port != null || shards != null) usage("--port and --shards do not go with --config: the file says them");
        NodeConfig node = NodeConfig.load(config);
        if (dataDir != null && !dataDir.toAbsolutePath().normalize().equals(node.dataDir())) {
            usage("--data-dir " + dataDir + " is not the node.data-dir of " + config + " (" + node.dataDir() + ")");
        }
        return node;
    }

    private RestorePlan planForStart(BackupManifest m, Path target) {
        List<NodeConfig> configs = EmbeddedCluster.configs(target, port(), shards == null ? m.shards() : shards,
                new Properties());
        Map<String, Path> nodeDirs = new HashMap<>();
        for (NodeConfig c : configs) nodeDirs.put(c.nodeId(), c.dataDir());
        return RestorePlan.of(from.toAbsolutePath(), m, configs.get(0).initialShardMap(), nodeDirs::get);
    }

    private RestorePlan planForNode(BackupManifest m, NodeConfig node) {
        return RestorePlan.forNode(from.toAbsolutePath(), m, node.initialShardMap(), node.nodeId(), node.dataDir());
    }

    private String howToStart(NodeConfig node, RestorePlan plan) {
        if (node == null) {
            return "start it with: bin/shardsql start --data-dir " + dataDir
                    + (port() == DEFAULT_PORT ? "" : " --port " + port()) + " --shards " + plan.target().shardCount();
        }
        String groups = String.join(", ", plan.seeds().stream().map(s -> s.group().toString()).toList());
        return "node " + node.nodeId() + " seeded with " + (groups.isEmpty() ? "no group" : groups)
                + "; restore every member of the cluster from this backup, then start each with: bin/shardsql node"
                + " --config " + config;
    }

    private int port() {
        return port == null ? DEFAULT_PORT : port;
    }

    private void usage(String why) {
        throw new CommandLine.ParameterException(spec.commandLine(), why);
    }

    /** Refuses a target that holds anything, before anything is written. */
    private static void requireEmpty(Path target) throws IOException {
        if (!Files.exists(target)) return;
        if (!Files.isDirectory(target)) {
            throw new ShardSqlException(ErrorCode.DATA_DIR_INVALID, target
                    + " is not a directory; refusing to restore");
        }
        try (Stream<Path> s = Files.list(target)) {
            if (s.findAny().isPresent()) {
                throw new ShardSqlException(ErrorCode.DATA_DIR_INVALID, "data directory " + target
                        + " is not empty; refusing to restore into it (nothing was changed)");
            }
        }
    }

    private static void clear(Path target, boolean created) throws IOException {
        if (created) {
            Checkpoints.deleteTree(target);
            return;
        }
        try (Stream<Path> s = Files.list(target)) {
            for (Path p : s.toList()) Checkpoints.deleteTree(p);
        }
    }
}
