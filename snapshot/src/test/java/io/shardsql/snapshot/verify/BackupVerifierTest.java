package io.shardsql.snapshot.verify;

import io.shardsql.snapshot.BackupManifest;
import io.shardsql.snapshot.TestBackups;
import io.shardsql.snapshot.impl.ChannelState;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.memory.InMemoryMvccStore;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.txn.log.Decisions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.shardsql.snapshot.TestBackups.b;
import static io.shardsql.snapshot.TestBackups.coord;
import static org.assertj.core.api.Assertions.assertThat;

class BackupVerifierTest {
    @TempDir
    Path tmp;

    private final BackupVerifier verifier = new BackupVerifier(InMemoryMvccStore::openReadOnly);

    @Test
    void aSoundBackupPassesEveryCheckAndIsLeftUntouched() throws Exception {
        Path backup = TestBackups.standard().write(tmp.resolve("b"));
        List<String> before = listing(backup);
        VerifyReport r = verifier.verify(backup);
        assertThat(r.problems()).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.render()).contains("ok    MANIFEST", "ok    part shard-0", "ok    part coord-0",
                "ok    channel state: 5 locks", "(1 in, 3 out)", "backup is sound");
        assertThat(listing(backup)).isEqualTo(before);
    }

    @Test
    void aFlippedByteInAPartFileFailsNamingTheFile() throws Exception {
        Path backup = TestBackups.standard().write(tmp.resolve("b"));
        Path file = backup.resolve("shard-1").resolve("memstore.bin");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(file, bytes);
        assertProblem(backup, "part shard-1", "memstore.bin fails its checksum");
    }

    @Test
    void aMissingFileOrPartFails() throws Exception {
        Path backup = TestBackups.standard().write(tmp.resolve("b"));
        Files.delete(backup.resolve("shard-0").resolve("memstore.bin"));
        assertProblem(backup, "part shard-0", "memstore.bin is missing");
        Checkpoints.deleteTree(backup.resolve("coord-0"));
        assertProblem(backup, "part coord-0", "is missing");
    }

    @Test
    void aPartWhoseCheckpointManifestIsNotTheOneTheBackupRecordedFails() throws Exception {
        Path backup = TestBackups.standard().write(tmp.resolve("b"));
        TestBackups other = TestBackups.standard().batch("shard-0", w -> w.writeVersion(b("x"), 11, b("x")));
        other.write(tmp.resolve("other"));
        Checkpoints.deleteTree(backup.resolve("shard-0"));
        Files.move(tmp.resolve("other").resolve("shard-0"), backup.resolve("shard-0"));
        assertProblem(backup, "part shard-0", "the manifest says");
    }

    @Test
    void aMissingOrTruncatedOrAlteredManifestFails() throws Exception {
        Path backup = TestBackups.standard().write(tmp.resolve("b"));
        String text = Files.readString(backup.resolve("MANIFEST"));
        Files.writeString(backup.resolve("MANIFEST"), text.substring(0, text.length() / 2));
        assertProblem(backup, "MANIFEST", "truncated");
        Files.writeString(backup.resolve("MANIFEST"), text.replace("cut 100", "cut 101"));
        assertProblem(backup, "MANIFEST", "fails its checksum");
        Files.delete(backup.resolve("MANIFEST"));
        assertProblem(backup, "MANIFEST", "MANIFEST is missing");
    }

    @Test
    void aLockWhoseTransactionTheManifestDoesNotListFails() throws Exception {
        TestBackups t = TestBackups.standard();
        t.batch("shard-1", w -> w.putLock(b("k8"), new Lock(77, coord(0), b("v"), 1000)));
        assertProblem(t.write(tmp.resolve("b")), "channel state",
                "lock on key 6b38 in part shard-1 belongs to transaction 77, which the manifest does not list");
    }

    @Test
    void aTransactionInWithoutItsDecisionIsHalfPresent() throws Exception {
        TestBackups t = TestBackups.standard();
        t.batch("coord-0", w -> w.deleteMeta(Decisions.name(50)));
        assertProblem(t.write(tmp.resolve("b")), "channel state",
                "transaction 50 (coord-0, in) is half-present: its locks are in the backup but coord-0's part "
                        + "holds no decision instead of its commit at 90");
    }

    @Test
    void aTransactionOutWhoseCommitBelowTheCutIsInTheBackupIsHalfPresent() throws Exception {
        TestBackups t = TestBackups.standard();
        t.batch("coord-0", w -> w.putMeta(Decisions.name(60), ByteBuffer.allocate(8).putLong(95).array()));
        assertProblem(t.write(tmp.resolve("b")), "channel state",
                "transaction 60 (coord-0, out) is half-present: coord-0's part holds its commit at 95");
    }

    @Test
    void aLockOwnedByAnotherGroupThanTheManifestSaysFails() throws Exception {
        TestBackups t = TestBackups.standard();
        t.inFlight.set(2, new BackupManifest.InFlight(70, "coord-0", false, 0));
        assertProblem(t.write(tmp.resolve("b")), "channel state", "is owned by shard-0");
    }

    /** The channel state as the SNAPSHOT driver settles it (a one-shard transaction's lock included) verifies. */
    @Test
    void theChannelStateTheDriverWritesVerifies() throws Exception {
        TestBackups t = TestBackups.standard();
        ChannelState channels = new ChannelState(TestBackups.CUT, Map.of(0, Map.of(50L, 90L, 60L, 0L, 120L, 130L)));
        for (String g : List.of("shard-0", "shard-1")) {
            for (LockEntry e : t.stores.get(g).scanLocks(new byte[0], null, 100)) {
                channels.settle(GroupName.parse(g), e.lock());
            }
        }
        t.inFlight.clear();
        t.inFlight.addAll(channels.transactions());
        assertThat(t.inFlight).contains(new BackupManifest.InFlight(70, "shard-0", false, 0));
        assertThat(verifier.verify(t.write(tmp.resolve("b"))).problems()).isEmpty();
    }

    private void assertProblem(Path backup, String subject, String problem) {
        VerifyReport r = verifier.verify(backup);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).anySatisfy(c -> {
            assertThat(c.subject()).isEqualTo(subject);
            assertThat(c.problem()).contains(problem);
        });
        assertThat(r.render()).contains("FAIL  " + subject, "backup is NOT sound");
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.sorted().map(p -> dir.relativize(p) + " " + p.toFile().length() + " " + p.toFile().lastModified())
                    .toList();
        }
    }
}
