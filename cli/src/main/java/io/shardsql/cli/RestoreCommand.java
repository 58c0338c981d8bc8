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
import io.shardsql.storage.raft.ShardMap;
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
 * backup {@code B}. It refuses a target that is not empty (touching nothing), verifies the backup first,
 * and seeds every replica of {@code control} and of each shard ({@code <node>/restore/<group>/}); the
 * cluster's first start serves the restored data, users and catalog included.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = "Build a new cluster's data directory from a backup; then run start --data-dir on it.")
final class RestoreCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "the backup directory")
    Path from;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR",
            description = "the new cluster's data directory: must not exist or be empty")
    Path dataDir;

    @Option(names = "--port", defaultValue = "9470",
            description = "SQL port of the first node, as start takes it (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--shards", description = "number of shards, as start takes it (default: the backup's; "
            + "it must be the backup's)")
    Integer shards;

    /** Whether progress is drawn as a bar (a terminal) or written as lines; tests set it. */
    boolean terminal = System.console() != null;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path target = dataDir.toAbsolutePath();
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
            List<NodeConfig> configs = EmbeddedCluster.configs(target, port, shards == null ? m.shards() : shards,
                    new Properties());
            ShardMap layout = configs.get(0).initialShardMap();
            Map<String, Path> nodeDirs = new HashMap<>();
            for (NodeConfig c : configs) nodeDirs.put(c.nodeId(), c.dataDir());
            RestorePlan plan = RestorePlan.of(from.toAbsolutePath(), m, layout, nodeDirs::get);
            boolean created = !Files.exists(target);
            try {
                RestoreProgress progress = new RestoreProgress(out, terminal);
                new SeedWriter(stores.readWrite(), target.resolve(".restore-staging"), progress)
                        .write(plan, new CutNormalizer(m, layout));
            } catch (IOException | RuntimeException e) {
                clear(target, created); // leave the target as it was found
                throw e;
            }
            out.println("restored backup " + m.name() + " (epoch " + m.epoch() + ", cut " + m.cutTs() + ") into "
                    + target + "; start it with: bin/shardsql start --data-dir " + dataDir
                    + (port == 9470 ? "" : " --port " + port) + " --shards " + layout.shardCount());
            out.flush();
            return 0;
        }
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
