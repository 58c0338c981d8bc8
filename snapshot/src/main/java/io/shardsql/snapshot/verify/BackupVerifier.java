package io.shardsql.snapshot.verify;

import io.shardsql.common.ShardSqlException;
import io.shardsql.snapshot.BackupManifest;
import io.shardsql.snapshot.PartOpener;
import io.shardsql.storage.Bytes;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.txn.log.Decisions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a backup without restoring it, and never writes into it:
 * <ol>
 *   <li>the {@code MANIFEST} is there and sound (its end CRC), and names a part for every group
 *       ({@code control}, each {@code coord-k}, each {@code shard-i});</li>
 *   <li>every part is there, the CRC-32C of its {@code CHECKPOINT.crc} is the manifest's, and every file
 *       has the size and checksum that {@code CHECKPOINT.crc} records ({@link Checkpoints#verify});</li>
 *   <li>no transaction is half-present: each part is opened read-only through the injected
 *       {@link PartOpener}, every lock of a non-coordinator part belongs to a transaction of the
 *       manifest's {@code txn} lines with the lock's owner, every {@code in} transaction has a commit
 *       decision below the cut in its coordinator's part at exactly its commit timestamp, and no
 *       {@code out} transaction has one (its locks would be dropped though it committed in the cut).</li>
 * </ol>
 * A lock's owner is its coordinator ({@code coord-k}), or for a single-shard transaction the part's own
 * group; such a transaction is always out (its commit was fenced above the cut).
 */
public final class BackupVerifier {
    /** Locks read per page. */
    static final int LOCK_PAGE = 10_000;
    private static final byte OWNER_LOCAL = 0x01;
    private static final byte OWNER_COORDINATOR = 0x02;

    private final PartOpener opener;

    public BackupVerifier(PartOpener opener) {
        this.opener = opener;
    }

    /** Checks the backup in {@code backupDir}; every problem is in the report, none is thrown. */
    public VerifyReport verify(Path backupDir) {
        VerifyReport report = new VerifyReport();
        BackupManifest m;
        try {
            m = BackupManifest.read(backupDir);
        } catch (ShardSqlException e) {
            report.failed(BackupManifest.FILE, e.getMessage());
            return report;
        }
        report.manifest(m);
        report.passed(BackupManifest.FILE, "sound; backup " + m.name() + ", epoch " + m.epoch() + ", cut " + m.cutTs()
                + ", " + m.shards() + " shards, " + m.coordinators() + " coordinator groups, " + m.parts().size()
                + " parts, " + m.inFlight().size() + " in-flight transactions");
        Map<String, BackupManifest.Part> parts = expectedParts(m, report);
        List<String> sound = new ArrayList<>();
        for (BackupManifest.Part p : parts.values()) {
            if (checkPart(backupDir, p, report)) sound.add(p.group());
        }
        if (sound.size() == parts.size() && !parts.isEmpty()) {
            new ChannelState(m, backupDir, report).check(sound);
        } else {
            report.failed("channel state", "not checked: some parts are missing or damaged");
        }
        return report;
    }

    /** The manifest's parts by group; a group of the cluster without a part, or a duplicate, is a problem. */
    private static Map<String, BackupManifest.Part> expectedParts(BackupManifest m, VerifyReport report) {
        Map<String, BackupManifest.Part> byGroup = new LinkedHashMap<>();
        for (BackupManifest.Part p : m.parts()) {
            if (!p.group().matches("control|coord-\\d+|shard-\\d+")) {
                report.failed("part " + p.group(), "not a group name: the manifest is not one a backup writes");
            } else if (byGroup.put(p.group(), p) != null) {
                report.failed("part " + p.group(), "listed twice in the manifest");
            }
        }
        List<String> groups = new ArrayList<>(List.of(GroupName.CONTROL.toString()));
        for (int k = 0; k < m.coordinators(); k++) groups.add(GroupName.coord(k).toString());
        for (int i = 0; i < m.shards(); i++) groups.add(GroupName.shard(i).toString());
        for (String g : groups) {
            if (!byGroup.containsKey(g)) report.failed("part " + g, "the manifest lists no part for this group");
        }
        return byGroup;
    }

    /** Checks one part's files against its own manifest and the backup's; true if it is sound. */
    private static boolean checkPart(Path backupDir, BackupManifest.Part p, VerifyReport report) {
        String subject = "part " + p.group();
        Path dir = backupDir.resolve(p.group());
        if (!Files.isDirectory(dir)) {
            report.failed(subject, "its directory " + dir + " is missing");
            return false;
        }
        Optional<Checkpoints.Checkpoint> cp = Checkpoints.read(dir);
        if (cp.isEmpty()) {
            report.failed(subject, "its " + Checkpoints.MANIFEST + " is missing or damaged");
            return false;
        }
        try {
            String crc = Checkpoints.crcOf(dir.resolve(Checkpoints.MANIFEST));
            if (!crc.equals(p.checkpointCrc())) {
                report.failed(subject, "its " + Checkpoints.MANIFEST + " has CRC-32C " + crc + ", the manifest says "
                        + p.checkpointCrc());
                return false;
            }
            Checkpoints.verify(cp.get());
            long bytes = 0;
            for (String f : cp.get().files()) bytes += Files.size(dir.resolve(f));
            report.passed(subject, Checkpoints.MANIFEST + " matches the manifest; " + cp.get().files().size()
                    + " files (" + bytes + " bytes) have their recorded sizes and checksums");
            return true;
        } catch (ShardSqlException | IOException e) {
            report.failed(subject, e.getMessage());
            return false;
        }
    }

    /** The third check: every lock's transaction is in the manifest, and each is wholly in or wholly out. */
    private final class ChannelState {
        private final BackupManifest m;
        private final Path backupDir;
        private final VerifyReport report;
        private final Map<Long, BackupManifest.InFlight> txns = new HashMap<>();
        private final Map<String, MvccStore> coordinators = new HashMap<>();
        private long locks;
        private int problems;

        ChannelState(BackupManifest m, Path backupDir, VerifyReport report) {
            this.m = m;
            this.backupDir = backupDir;
            this.report = report;
        }

        void check(List<String> groups) {
            for (BackupManifest.InFlight t : m.inFlight()) {
                if (txns.put(t.startTs(), t) != null) fail("transaction " + t.startTs() + " is listed twice");
            }
            for (String g : groups) {
                if (!g.startsWith("coord-")) checkLocks(g);
            }
            try {
                for (BackupManifest.InFlight t : m.inFlight()) checkDecision(t);
            } finally {
                coordinators.values().forEach(MvccStore::close);
            }
            if (problems == 0) {
                long in = m.inFlight().stream().filter(BackupManifest.InFlight::in).count();
                report.passed("channel state", locks + " locks, each of a listed transaction; " + m.inFlight().size()
                        + " in-flight transactions (" + in + " in, " + (m.inFlight().size() - in)
                        + " out), each wholly in or wholly out");
            }
        }

        private void checkLocks(String group) {
            Optional<BackupManifest.Part> part = m.parts().stream().filter(p -> p.group().equals(group)).findFirst();
            long count = 0;
            try (MvccStore store = opener.openReadOnly(backupDir.resolve(group))) {
                store.verifyChecksums();
                byte[] from = new byte[0];
                while (true) {
                    List<LockEntry> page = store.scanLocks(from, null, LOCK_PAGE);
                    for (LockEntry e : page) checkLock(group, e);
                    count += page.size();
                    if (page.size() < LOCK_PAGE) break;
                    byte[] last = page.get(page.size() - 1).key();
                    from = Arrays.copyOf(last, last.length + 1);
                }
            } catch (ShardSqlException e) {
                fail("part " + group + " cannot be read: " + e.getMessage());
                return;
            }
            locks += count;
            if (part.isPresent() && part.get().locks() >= 0 && part.get().locks() != count) {
                fail("part " + group + " holds " + count + " locks, the manifest says " + part.get().locks());
            }
        }

        private void checkLock(String group, LockEntry e) {
            for (Lock holder : e.lock().holders()) checkHolder(group, e.key(), holder); // shared: several
        }

        private void checkHolder(String group, byte[] key, Lock holder) {
            long startTs = holder.startTs();
            String where = "lock on key " + Bytes.toHex(key) + " in part " + group;
            BackupManifest.InFlight t = txns.get(startTs);
            if (t == null) {
                fail(where + " belongs to transaction " + startTs + ", which the manifest does not list");
                return;
            }
            String owner = ownerOf(holder.owner(), group);
            if (!owner.equals(t.owner())) {
                fail(where + " is owned by " + owner + ", the manifest says transaction " + startTs + " is "
                        + t.owner() + "'s");
            }
        }

        private void checkDecision(BackupManifest.InFlight t) {
            String subject = "transaction " + t.startTs() + " (" + t.owner() + ", " + (t.in() ? "in" : "out") + ")";
            boolean coordinated = t.owner().startsWith("coord-");
            if (!coordinated) {
                if (t.in()) fail(subject + ": a single-shard transaction cannot be in (its commit was fenced)");
                return;
            }
            if (t.in() && (t.commitTs() <= 0 || t.commitTs() >= m.cutTs())) {
                fail(subject + ": commit timestamp " + t.commitTs() + " is not below the cut " + m.cutTs());
                return;
            }
            long decided = decisionOf(t);
            boolean committedInCut = decided > 0 && decided < m.cutTs();
            if (t.in() && decided != t.commitTs()) {
                fail(subject + " is half-present: its locks are in the backup but " + t.owner() + "'s part holds "
                        + (decided < 0 ? "no decision" : decided == 0 ? "an abort" : "a commit at " + decided)
                        + " instead of its commit at " + t.commitTs());
            } else if (!t.in() && committedInCut) {
                fail(subject + " is half-present: " + t.owner() + "'s part holds its commit at " + decided
                        + ", below the cut, but the manifest drops its locks");
            }
        }

        /** The commit timestamp of {@code t}'s decision in its coordinator's part (0: abort, -1: none). */
        private long decisionOf(BackupManifest.InFlight t) {
            if (m.parts().stream().noneMatch(p -> p.group().equals(t.owner()))) return -1;
            try {
                MvccStore store = coordinators.get(t.owner());
                if (store == null) {
                    store = opener.openReadOnly(backupDir.resolve(t.owner()));
                    coordinators.put(t.owner(), store);
                }
                return store.meta(Decisions.name(t.startTs())).map(Decisions::commitTsOf).orElse(-1L);
            } catch (ShardSqlException e) {
                fail("part " + t.owner() + " cannot be read: " + e.getMessage());
                return -1;
            }
        }

        private void fail(String problem) {
            problems++;
            report.failed("channel state", problem);
        }
    }

    /** A lock owner's group as the manifest names it: {@code coord-k}, or the lock's own group. */
    static String ownerOf(byte[] owner, String group) {
        if (owner.length == 1 && owner[0] == OWNER_LOCAL) return group;
        if (owner.length == 5 && owner[0] == OWNER_COORDINATOR) {
            return GroupName.coord(ByteBuffer.wrap(owner, 1, 4).getInt()).toString();
        }
        return "unknown owner " + Bytes.toHex(owner);
    }
}
