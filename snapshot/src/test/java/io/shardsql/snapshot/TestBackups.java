package io.shardsql.snapshot;

import io.shardsql.storage.Lock;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.memory.InMemoryMvccStore;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.txn.log.Decisions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Synthetic backups for tests: in-memory stores checkpointed with {@link Checkpoints#take} and a
 * {@link BackupManifest}, as the driver writes them.
 *
 * <p>The standard backup (cut 100, 2 shards, 1 coordinator group):
 * <pre>
 *   shard-0:  k1@10="a"  k1@150="late"  lock k2 (txn 50, coord-0)  lock k3 (txn 60, coord-0)
 *             lock k4 (txn 70, local)   snapshot.* meta, applied index 5:42
 *   shard-1:  k5@20="e"  lock k6 (txn 50, coord-0)  lock k7 (txn 120, coord-0)
 *   coord-0:  decision/50 = commit at 90; decision/60 = abort; decision/120 = commit at 130
 *   control:  shard map @1, \0sys/txn-active/n1 @30, \0sys/snapshot/b @40, \0sys/auth/user/admin @5,
 *             tso.limit = 200
 *   MANIFEST: txn 50 coord-0 in 90, txn 60 coord-0 out, txn 70 shard-0 out, txn 120 coord-0 out
 * </pre>
 */
public final class TestBackups {
    public static final long CUT = 100;
    public static final UUID CLUSTER = UUID.nameUUIDFromBytes("test".getBytes(StandardCharsets.UTF_8));

    /** The stores of each group, by name, filled before {@link #write}. */
    public final Map<String, InMemoryMvccStore> stores = new LinkedHashMap<>();
    public final List<BackupManifest.InFlight> inFlight = new ArrayList<>();

    public static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] local() { return new byte[] {0x01}; }

    public static byte[] coord(int k) { return ByteBuffer.allocate(5).put((byte) 0x02).putInt(k).array(); }

    public static ShardMap layout(int shards, String... members) {
        List<ShardMap.Member> ms = new ArrayList<>();
        for (int i = 0; i < members.length; i++) ms.add(new ShardMap.Member(members[i], "127.0.0.1", 7000 + i, 8000 + i));
        return ShardMap.initial(CLUSTER, ms, shards, 1, Math.min(3, members.length));
    }

    /** The standard backup's stores and transactions. */
    public static TestBackups standard() {
        TestBackups t = new TestBackups();
        t.batch("shard-0", w -> {
            w.writeVersion(b("k1"), 10, b("a"));
            w.writeVersion(b("k1"), 150, b("late"));
            w.putLock(b("k2"), new Lock(50, coord(0), b("v2"), 1000));
            w.putLock(b("k3"), new Lock(60, coord(0), b("v3"), 1000));
            w.putLock(b("k4"), new Lock(70, local(), null, 1000));
            w.putMeta("snapshot.epoch", ByteBuffer.allocate(8).putLong(1).array());
            w.putMeta("snapshot.fence", ByteBuffer.allocate(8).putLong(CUT).array());
            w.putMeta("gc.safe-point", ByteBuffer.allocate(8).putLong(5).array());
            w.setAppliedIndex(5, 42);
        });
        t.batch("shard-1", w -> {
            w.writeVersion(b("k5"), 20, b("e"));
            w.putLock(b("k6"), new Lock(50, coord(0), b("v6"), 1000));
            w.putLock(b("k7"), new Lock(120, coord(0), b("v7"), 1000));
        });
        t.batch("coord-0", w -> {
            w.putMeta(Decisions.name(50), ByteBuffer.allocate(8).putLong(90).array());
            w.putMeta(Decisions.name(60), ByteBuffer.allocate(8).putLong(0).array());
            w.putMeta(Decisions.name(120), ByteBuffer.allocate(8).putLong(130).array());
        });
        t.batch("control", w -> {
            w.writeVersion(ShardMap.CONTROL_KEY, 1, layout(2, "a1", "a2", "a3").encode());
            w.writeVersion(b("\0sys/txn-active/n1"), 30, b("x"));
            w.writeVersion(b("\0sys/snapshot/b"), 40, b("x"));
            w.writeVersion(b("\0sys/auth/user/admin"), 5, b("secret"));
            w.putMeta("tso.limit", ByteBuffer.allocate(8).putLong(200).array());
        });
        t.inFlight.add(new BackupManifest.InFlight(50, "coord-0", true, 90));
        t.inFlight.add(new BackupManifest.InFlight(60, "coord-0", false, 0));
        t.inFlight.add(new BackupManifest.InFlight(70, "shard-0", false, 0));
        t.inFlight.add(new BackupManifest.InFlight(120, "coord-0", false, 0));
        return t;
    }

    /** Writes into the store of {@code group} (made if needed) in one batch. */
    public TestBackups batch(String group, java.util.function.Consumer<MvccBatch> writes) {
        InMemoryMvccStore s = stores.computeIfAbsent(group, g -> InMemoryMvccStore.create());
        try (MvccBatch w = s.newBatch()) {
            writes.accept(w);
            w.commit();
        }
        return this;
    }

    /** Checkpoints every store into {@code dir/<group>} and writes the MANIFEST last. */
    public Path write(Path dir) throws IOException {
        List<BackupManifest.Part> parts = new ArrayList<>();
        for (var e : stores.entrySet()) {
            Path part = dir.resolve(e.getKey());
            Checkpoints.Checkpoint cp = Checkpoints.take(e.getValue(), part, 3, 7);
            long locks = e.getValue().scanLocks(new byte[0], null, 1000).size();
            parts.add(new BackupManifest.Part(e.getKey(), cp.term(), cp.index(), locks, 0,
                    Checkpoints.crcOf(part.resolve(Checkpoints.MANIFEST))));
        }
        new BackupManifest("b1", CLUSTER, 1, CUT, 2, 1, Instant.parse("2026-12-07T00:00:00Z"), parts, inFlight)
                .write(dir);
        return dir;
    }
}
