package io.shardsql.snapshot.impl;

import io.shardsql.snapshot.SnapshotInfo;
import io.shardsql.snapshot.SnapshotState;
import io.shardsql.storage.raft.command.ByteReader;
import io.shardsql.storage.raft.command.ByteWriter;

import java.time.Instant;

/**
 * How the registry stores a {@link SnapshotInfo} (the value of {@code \0sys/snapshot/s/<name>}):
 *
 * <pre>
 * | version (u8) = 1 | name | node | directory | epoch (8) | cut (8) | state (u8) | parts done (4) | total (4) |
 * | bytes (8) | rows (8) | started (epoch ms, 8) | ended (epoch ms, 8; -1 = none) | error string-or-null |
 * </pre>
 */
final class SnapshotRecords {
    private static final int VERSION = 1;

    private SnapshotRecords() {}

    static byte[] encode(SnapshotInfo s) {
        return new ByteWriter(128).u8(VERSION).string(s.name()).string(s.node()).string(s.directory())
                .i64(s.epoch()).i64(s.cutTs()).u8(s.state().ordinal()).i32(s.partsDone()).i32(s.partsTotal())
                .i64(s.bytes()).i64(s.rows()).i64(s.started().toEpochMilli())
                .i64(s.ended() == null ? -1 : s.ended().toEpochMilli()).string(s.error()).toByteArray();
    }

    static SnapshotInfo decode(byte[] b) {
        ByteReader in = new ByteReader(b);
        int version = in.u8();
        if (version != VERSION) throw new IllegalArgumentException("snapshot record version " + version);
        String name = in.string();
        String node = in.string();
        String dir = in.string();
        long epoch = in.i64();
        long cut = in.i64();
        SnapshotState state = SnapshotState.values()[in.u8()];
        int done = in.i32();
        int total = in.i32();
        long bytes = in.i64();
        long rows = in.i64();
        Instant started = Instant.ofEpochMilli(in.i64());
        long ended = in.i64();
        String error = in.string();
        in.expectEnd();
        return new SnapshotInfo(name, node, dir, epoch, cut, state, done, total, bytes, rows, started,
                ended < 0 ? null : Instant.ofEpochMilli(ended), error);
    }
}
