package io.shardsql.snapshot.restore;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.AppliedIndex;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.storage.raft.machine.StoreOpener;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries out a {@link RestorePlan}: each part is copied to a staging directory (the backup is never
 * opened for writing), normalized there ({@link CutNormalizer}), and checkpointed, sealed by its
 * {@code CHECKPOINT.crc}, into {@code <node data dir>/restore/<group>/} of the first node hosting the group;
 * the other nodes' seeds are that checkpoint again, its SST files hard-linked (copied across file systems).
 * Several groups are seeded at once.
 * A replica that starts with no state of its own restores from that seed.
 */
public final class SeedWriter {
    /** Groups seeded at once. */
    static final int THREADS = 3;
    /** The directory of a node's data directory that holds its seeds. */
    public static final String RESTORE_DIR = "restore";

    private final StoreOpener opener;
    private final Path staging;
    private final RestoreListener listener;

    /**
     * @param opener   opens (read-write) a staged copy of a part
     * @param staging  where the copies are normalized; emptied when done
     * @param listener told of every step and of the bytes copied
     */
    public SeedWriter(StoreOpener opener, Path staging, RestoreListener listener) {
        this.opener = opener;
        this.staging = staging;
        this.listener = listener;
    }

    /** Where {@code group}'s seed is kept in the node data directory {@code nodeDir}. */
    public static Path seedDir(Path nodeDir, GroupName group) {
        return nodeDir.resolve(RESTORE_DIR).resolve(group.toString());
    }

    /**
     * Seeds every group of {@code plan} on every node hosting it, {@link #THREADS} groups at a time; the
     * first error stops the others and is thrown.
     */
    public void write(RestorePlan plan, CutNormalizer normalizer) throws IOException {
        RestoreListener told = new SerialListener(listener);
        told.started(plan.seeds().size(), bytesOf(plan));
        AtomicLong bytes = new AtomicLong();
        AtomicInteger parts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(THREADS, plan.seeds().size())), r -> {
            Thread t = new Thread(r, "restore-seeds");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> seeded = new ArrayList<>();
            for (RestorePlan.Seed seed : plan.seeds()) {
                seeded.add(pool.submit(() -> {
                    seed(seed, normalizer, told, bytes, parts);
                    return null;
                }));
            }
            for (Future<Void> f : seeded) await(f);
        } finally {
            pool.shutdownNow();
            awaitStopped(pool);
            Checkpoints.deleteTree(staging);
        }
        told.finished();
    }

    /** Copies one part to staging, normalizes it there, and checkpoints it on every node hosting its group. */
    private void seed(RestorePlan.Seed seed, CutNormalizer normalizer, RestoreListener told, AtomicLong bytes,
                      AtomicInteger parts) throws IOException {
        Path staged = staging.resolve(seed.group().toString());
        copyPart(seed, staged, told, bytes, parts);
        try (MvccStore store = opener.open(staged)) {
            CutNormalizer.Outcome outcome = normalizer.normalize(seed.group(), store);
            told.step(seed.group().toString(), "normalized: " + outcome.describe());
            List<String> nodes = new ArrayList<>();
            Checkpoints.Checkpoint first = null;
            for (Path nodeDir : seed.nodeDirs()) {
                Path target = seedDir(nodeDir, seed.group());
                if (first == null) {
                    first = Checkpoints.take(store, target, AppliedIndex.NONE.term(), AppliedIndex.NONE.index());
                } else {
                    linkCopy(first, target);
                }
                nodes.add(nodeDir.getFileName().toString());
            }
            told.step(seed.group().toString(), "seeded on " + String.join(", ", nodes));
        }
        Checkpoints.deleteTree(staged);
        told.progress(parts.incrementAndGet(), bytes.get());
    }

    /**
     * Makes {@code target} hold the same sealed checkpoint as {@code cp}: SST files hard-linked where the
     * file system allows it (the store never changes them in place, and a seed is never opened in place:
     * a replica restores from it as from a snapshot), every other file copied; the manifest written last.
     */
    private static void linkCopy(Checkpoints.Checkpoint cp, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Checkpoints.deleteTree(tmp);
        Files.createDirectories(tmp);
        for (String f : cp.files()) {
            Path src = cp.dir().resolve(f);
            if (f.endsWith(".sst")) {
                try {
                    Files.createLink(tmp.resolve(f), src);
                    continue;
                } catch (IOException | UnsupportedOperationException e) {
                    // another file system: copy it
                }
            }
            Files.copy(src, tmp.resolve(f));
        }
        Files.copy(cp.dir().resolve(Checkpoints.MANIFEST), tmp.resolve(Checkpoints.MANIFEST));
        Checkpoints.deleteTree(target);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void await(Future<Void> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the restore was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            if (cause instanceof RuntimeException r) throw r;
            if (cause instanceof Error err) throw err;
            throw new IOException(cause);
        }
    }

    /** Waits for the workers even if this thread was interrupted, so nothing writes into staging afterwards. */
    private static void awaitStopped(ExecutorService pool) {
        boolean interrupted = Thread.interrupted();
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** The bytes of the files of every part to copy. */
    private static long bytesOf(RestorePlan plan) throws IOException {
        long total = 0;
        for (RestorePlan.Seed seed : plan.seeds()) {
            Optional<Checkpoints.Checkpoint> cp = Checkpoints.read(seed.part());
            if (cp.isEmpty()) continue;
            for (String f : cp.get().files()) total += Files.size(seed.part().resolve(f));
        }
        return total;
    }

    /** Copies the files the part's {@code CHECKPOINT.crc} names into {@code staged}. */
    private static void copyPart(RestorePlan.Seed seed, Path staged, RestoreListener told, AtomicLong bytes,
                                 AtomicInteger parts) throws IOException {
        Checkpoints.Checkpoint cp = Checkpoints.read(seed.part()).orElseThrow(() -> new ShardSqlException(
                ErrorCode.BACKUP_DAMAGED, "part " + seed.part() + " has no sound " + Checkpoints.MANIFEST));
        Checkpoints.deleteTree(staged);
        Files.createDirectories(staged);
        for (String f : cp.files()) {
            Path src = seed.part().resolve(f);
            Files.copy(src, staged.resolve(f));
            told.progress(parts.get(), bytes.addAndGet(Files.size(src)));
        }
        told.step(seed.group().toString(), "copied " + cp.files().size() + " files");
    }

    /** Passes the calls of several threads on to a listener one at a time. */
    private record SerialListener(RestoreListener to) implements RestoreListener {
        @Override
        public synchronized void started(int parts, long bytes) {
            to.started(parts, bytes);
        }

        @Override
        public synchronized void step(String group, String what) {
            to.step(group, what);
        }

        @Override
        public synchronized void progress(int partsDone, long bytesDone) {
            to.progress(partsDone, bytesDone);
        }

        @Override
        public synchronized void finished() {
            to.finished();
        }
    }
}
