package io.shardsql.snapshot.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.snapshot.BackupManifest;
import io.shardsql.snapshot.RowCounter;
import io.shardsql.snapshot.log.PartTaken;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.machine.Checkpoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Copies the parts of one snapshot into its backup directory and reads them, several parts at a time:
 * <pre>
 *   copy coord-k parts ──► read their decisions ──► channel state ──┐
 *   copy control, shard-i parts ──────────────────────────────────┴─► settle its locks, count its rows
 * </pre>
 * A part is read as soon as it is copied and the coordinators' decisions are known, so the reading of
 * one part overlaps the copying of others, and the copies' disk flushes overlap each other. At most
 * {@link #THREADS} parts are copied or read at once. Progress is reported, and the {@code copied}
 * callback run, on the caller's thread, in the order of the parts.
 */
final class PartPipeline implements AutoCloseable {
    /** Parts copied or read at once: enough to overlap the copies' fsyncs and the reads' CPU. */
    static final int THREADS = 4;

    /** Told of the parts copied so far and their bytes. */
    interface Progress {
        void copied(int parts, long bytes);
    }

    /** What the pipeline produced: the MANIFEST's part lines, the channel state and the table rows. */
    record Result(List<BackupManifest.Part> lines, ChannelState channels, long rows) {}

    private record Copied(BackupManifest.Part line, long bytes) {}

    private final PartCopier copier;
    private final PartReader reader;
    private final RowCounter rows;
    private final Path dir;
    private final long cutTs;
    private final long deadline;
    private final Consumer<String> check;
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "snapshot-parts");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param deadline {@link System#nanoTime()} past which the snapshot has timed out
     * @param check    throws if the snapshot must stop (cancelled, timed out), naming the step
     */
    PartPipeline(PartCopier copier, PartReader reader, RowCounter rows, Path dir, long cutTs, long deadline,
                 Consumer<String> check) {
        this.copier = copier;
        this.reader = reader;
        this.rows = rows;
        this.dir = dir;
        this.cutTs = cutTs;
        this.deadline = deadline;
        this.check = check;
    }

    /** Copies and reads every part of {@code parts}; the groups of {@code coordinators} hold the decisions. */
    Result run(Map<GroupName, PartTaken> parts, List<GroupName> coordinators, Progress progress, Runnable copied) {
        Map<GroupName, CompletableFuture<Copied>> copies = new LinkedHashMap<>();
        for (GroupName g : coordinators) copies.put(g, copy(g, parts.get(g)));
        for (Map.Entry<GroupName, PartTaken> p : parts.entrySet()) {
            if (!copies.containsKey(p.getKey())) copies.put(p.getKey(), copy(p.getKey(), p.getValue()));
        }
        List<CompletableFuture<Map<Long, Long>>> decided = new ArrayList<>();
        for (GroupName g : coordinators) {
            decided.add(copies.get(g).thenApplyAsync(c -> reader.decisions(partDir(g), scratch(g)), pool));
        }
        CompletableFuture<ChannelState> channels = CompletableFuture.allOf(decided.toArray(CompletableFuture[]::new))
                .thenApply(v -> {
                    Map<Integer, Map<Long, Long>> byCoordinator = new HashMap<>();
                    for (int k = 0; k < coordinators.size(); k++) {
                        byCoordinator.put(coordinators.get(k).index(), decided.get(k).join());
                    }
                    return new ChannelState(cutTs, byCoordinator);
                });
        List<CompletableFuture<Long>> counts = new ArrayList<>();
        for (Map.Entry<GroupName, CompletableFuture<Copied>> c : copies.entrySet()) {
            GroupName g = c.getKey();
            if (coordinators.contains(g)) continue;
            counts.add(c.getValue().thenCombine(channels, (x, ch) -> ch)
                    .thenApplyAsync(ch -> count(g, ch), pool));
        }
        List<BackupManifest.Part> lines = new ArrayList<>();
        long bytes = 0;
        for (CompletableFuture<Copied> c : copies.values()) {
            Copied part = await(c, "copying");
            lines.add(part.line());
            bytes += part.bytes();
            progress.copied(lines.size(), bytes);
        }
        copied.run();
        long total = 0;
        for (CompletableFuture<Long> n : counts) total += await(n, "counting rows");
        return new Result(lines, await(channels, "settling"), total);
    }

    private CompletableFuture<Copied> copy(GroupName g, PartTaken taken) {
        return CompletableFuture.supplyAsync(() -> {
            check.accept("copying");
            Checkpoints.Checkpoint cp = copier.copy(g, taken, dir);
            try {
                long size = sizeOf(cp);
                return new Copied(new BackupManifest.Part(g.toString(), cp.term(), cp.index(), taken.lockCount(), size,
                        Checkpoints.crcOf(cp.dir().resolve(Checkpoints.MANIFEST))), size);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, pool);
    }

    private long count(GroupName g, ChannelState channels) {
        check.accept("counting rows");
        long readTs = cutTs - 1;
        return reader.readSettled(partDir(g), scratch(g), lock -> channels.settle(g, lock),
                store -> g.kind() == GroupName.Kind.SHARD ? rows.count(store, readTs) : 0L);
    }

    private Path partDir(GroupName g) {
        return dir.resolve(g.toString());
    }

    private Path scratch(GroupName g) {
        return dir.resolve(".scratch-" + g);
    }

    private <T> T await(Future<T> f, String step) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShardSqlException(ErrorCode.QUERY_CANCELED, "the snapshot was cancelled while " + step);
        } catch (TimeoutException e) {
            check.accept(step);
            throw new ShardSqlException(ErrorCode.TIMEOUT, "the snapshot ran past snapshot.timeout while " + step);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new ShardSqlException(ErrorCode.INTERNAL, "the snapshot failed while " + step + ": " + cause, cause);
        }
    }

    private static long sizeOf(Checkpoints.Checkpoint cp) throws IOException {
        long bytes = 0;
        for (String f : cp.files()) bytes += Files.size(cp.dir().resolve(f));
        return bytes + Files.size(cp.dir().resolve(Checkpoints.MANIFEST));
    }

    /** Stops what still runs and waits for it, so nothing writes into the backup directory afterwards. */
    @Override
    public void close() {
        pool.shutdownNow();
        boolean interrupted = Thread.interrupted(); // a cancelled snapshot still waits for its workers
        try {
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new ShardSqlException(ErrorCode.INTERNAL, "the snapshot's part copies did not stop");
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
