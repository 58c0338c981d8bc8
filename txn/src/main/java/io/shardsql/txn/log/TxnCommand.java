package io.shardsql.txn.log;

import io.shardsql.storage.raft.command.ByteReader;
import io.shardsql.storage.raft.command.ByteWriter;
import io.shardsql.storage.raft.command.ShardCommand;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands the transaction layer adds to the groups' logs, applied by {@link TxnReplica}.
 * Their tags and bodies (in the codec's notation, {@code io.shardsql.storage.raft.command.ShardCodec}):
 *
 * <pre>
 *   0x07 RecordDecision      | startTs (8) | commitTs (8) | record bytes |
 *   0x08 ForgetDecisions     | n (4) | n x startTs (8) |
 *   0x09 RaiseTimestampLimit | limit (8) |
 *   0x0C Heartbeat           | startTs (8) | aliveUntilMillis (8) |
 *   0x0D AbortIfStale        | startTs (8) | nowMillis (8) | record bytes |
 * </pre>
 *
 * (0x0A and 0x0B are the snapshot layer's.)
 *
 * These are in the logs of existing clusters: tags and bodies never change.
 */
public sealed interface TxnCommand extends ShardCommand.Extension
        permits TxnCommand.RecordDecision, TxnCommand.ForgetDecisions, TxnCommand.RaiseTimestampLimit,
        TxnCommand.Heartbeat, TxnCommand.AbortIfStale {

    /**
     * A coordinator's write-once decision on transaction {@code startTs}: stored (see {@link Decisions})
     * unless a decision on it is already there, and the reply is the stored one
     * ({@code ShardReply.Meta}). So the first decision logged wins, whoever proposes the next.
     * {@code commitTs} is the decision's commit timestamp, 0 for an abort. A commit of a transaction
     * that started below the group's garbage-collection safe point is refused ({@code TXN_ABORTED}):
     * abort decisions below it may already have been dropped.
     *
     * @param record what the coordinator keeps with the decision (participants, ...)
     */
    record RecordDecision(long startTs, long commitTs, byte[] record) implements TxnCommand {
        static final int TAG = 0x07;

        public RecordDecision {
            if (record == null) throw new IllegalArgumentException("no record");
            if (commitTs != 0 && commitTs <= startTs) throw new IllegalArgumentException("commitTs " + commitTs
                    + " <= startTs " + startTs);
        }

        public boolean commits() { return commitTs != 0; }

        @Override
        public int tag() { return TAG; }

        @Override
        public void writeBody(ByteWriter out) {
            out.i64(startTs).i64(commitTs).bytes(record);
        }

        static RecordDecision read(ByteReader in) {
            return new RecordDecision(in.i64(), in.i64(), in.bytes());
        }
    }

    /** Drops decisions nobody needs any more (every participant resolved its locks). */
    record ForgetDecisions(List<Long> startTs) implements TxnCommand {
        static final int TAG = 0x08;

        public ForgetDecisions {
            startTs = List.copyOf(startTs);
        }

        @Override
        public int tag() { return TAG; }

        @Override
        public void writeBody(ByteWriter out) {
            out.i32(startTs.size());
            for (long ts : startTs) out.i64(ts);
        }

        static ForgetDecisions read(ByteReader in) {
            int n = in.count(8);
            List<Long> ids = new ArrayList<>(n);
            for (int i = 0; i < n; i++) ids.add(in.i64());
            return new ForgetDecisions(ids);
        }
    }

    /**
     * Raises the timestamp oracle's persisted limit to at least {@code limit} (it never goes down);
     * replies with the limit it replaced ({@code ShardReply.Counter}), which covers every timestamp
     * any earlier leader may have handed out. No timestamp at or above the limit is ever handed out.
     */
    record RaiseTimestampLimit(long limit) implements TxnCommand {
        static final int TAG = 0x09;

        @Override
        public int tag() { return TAG; }

        @Override
        public void writeBody(ByteWriter out) {
            out.i64(limit);
        }

        static RaiseTimestampLimit read(ByteReader in) {
            return new RaiseTimestampLimit(in.i64());
        }
    }

    /**
     * The driver of undecided transaction {@code startTs} is alive and keeps its locks until at least
     * {@code aliveUntilMillis} (the oracle's physical time): stored in its coordinator group (see
     * {@link Heartbeats}), never lowered. The reply is the decision if one is stored already
     * ({@code ShardReply.Meta}: the driver learns it was aborted), {@code DONE} otherwise.
     */
    record Heartbeat(long startTs, long aliveUntilMillis) implements TxnCommand {
        static final int TAG = 0x0C;

        @Override
        public int tag() { return TAG; }

        @Override
        public void writeBody(ByteWriter out) {
            out.i64(startTs).i64(aliveUntilMillis);
        }

        static Heartbeat read(ByteReader in) {
            return new Heartbeat(in.i64(), in.i64());
        }
    }

    /**
     * Aborts undecided transaction {@code startTs} whose locks someone found past their TTL, unless its
     * driver's last {@link Heartbeat} still covers {@code nowMillis} (the proposer's reading of the oracle's
     * physical time). Decided here, in the log, so that a heartbeat and an abort are ordered: an abort
     * never lands after a heartbeat that promised the locks a longer life. The reply is
     * {@code ShardReply.Meta}: the stored decision (the abort, or whichever came first), or no value
     * while the transaction is alive.
     *
     * @param record what the coordinator keeps with the abort decision
     */
    record AbortIfStale(long startTs, long nowMillis, byte[] record) implements TxnCommand {
        static final int TAG = 0x0D;

        public AbortIfStale {
            if (record == null) throw new IllegalArgumentException("no record");
        }

        @Override
        public int tag() { return TAG; }

        @Override
        public void writeBody(ByteWriter out) {
            out.i64(startTs).i64(nowMillis).bytes(record);
        }

        static AbortIfStale read(ByteReader in) {
            return new AbortIfStale(in.i64(), in.i64(), in.bytes());
        }
    }
}
