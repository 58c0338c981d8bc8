package io.shardsql.txn;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.KvEntry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What every node publishes about its running transactions, and a wait built on it: "until no
 * transaction that began before {@code ts} is still running anywhere" (used by online schema changes).
 *
 * <p>Each node writes, every {@code txn.active-publish-interval} (and at each garbage-collection round),
 * one key in {@code control}:
 *
 * <pre>
 * key   = | "\0sys/txn-active/" | node id (UTF-8) |
 * value = | start ts of the oldest transaction running on the node (8, BE); Long.MAX_VALUE: none |
 *         | who runs it (UTF-8, the rest; may be empty: {@link Transaction#setHolder}) |
 * commit ts of the version = the timestamp p the node took before looking at its running set
 * </pre>
 *
 * <p>A publication committed at {@code p} counts every transaction of the node whose start timestamp is
 * below {@code p}: a begin still fetching its timestamp when the node looked is waited out first
 * ({@code TransactionManagerImpl.oldestRunningAfterPendingBegins}). So a publication with
 * {@code p > ts} and a value {@code >= ts} proves that the node runs nothing that began before {@code ts}.
 */
public final class ActiveTransactions {
    /** Prefix of the publications, one key per node. */
    public static final byte[] PREFIX = "\0sys/txn-active/".getBytes(StandardCharsets.UTF_8);
    /** Value meaning "nothing running". */
    public static final long NONE = Long.MAX_VALUE;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private ActiveTransactions() {}

    public static byte[] key(String nodeId) {
        byte[] id = nodeId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(PREFIX.length + id.length).put(PREFIX).put(id).array();
    }

    public static byte[] value(long oldestStartTs) {
        return value(oldestStartTs, "");
    }

    public static byte[] value(long oldestStartTs, String holder) {
        byte[] h = holder.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length).putLong(oldestStartTs).put(h).array();
    }

    public static long oldest(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }

    /** Who runs the oldest transaction of a publication ("" if unknown or none). */
    public static String holder(byte[] value) {
        return new String(value, 8, value.length - 8, StandardCharsets.UTF_8);
    }

    /** The node id of a publication's key. */
    public static String nodeOf(byte[] key) {
        return new String(key, PREFIX.length, key.length - PREFIX.length, StandardCharsets.UTF_8);
    }

    /** The first key after the publications. */
    public static byte[] end() {
        byte[] end = PREFIX.clone();
        end[end.length - 1]++;
        return end;
    }

    /**
     * Waits until every node that published within {@code staleAfter} has published, after {@code ts},
     * that it runs nothing that began before {@code ts}. A node whose publication is older than
     * {@code staleAfter} (by the timestamp oracle's clock) counts as running nothing: it is down or cut
     * off from {@code control}, and a schema change must not wait for it forever.
     *
     * @throws ShardSqlException {@code TIMEOUT} naming the nodes still running older transactions
     */
    public static void awaitNoneBefore(TransactionManager txns, long ts, Duration staleAfter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> waitingFor = nodesRunningBefore(txns, ts, staleAfter);
            if (waitingFor.isEmpty()) return;
            if (System.nanoTime() - deadline > 0) {
                throw new ShardSqlException(ErrorCode.TIMEOUT, "transactions that began before the schema change "
                        + "are still running on " + String.join(", ", waitingFor) + " after " + timeout.toMillis()
                        + " ms");
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new ShardSqlException(ErrorCode.TIMEOUT, "interrupted while waiting for older transactions");
            }
        }
    }

    /** The nodes whose fresh publication does not (yet) show that nothing begun before {@code ts} runs there. */
    static List<String> nodesRunningBefore(TransactionManager txns, long ts, Duration staleAfter) {
        List<String> nodes = new ArrayList<>();
        try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
            long freshAfter = Timestamps.physicalMillis(tx.startTs()) - staleAfter.toMillis();
            for (Iterator<KvEntry> it = tx.scan(PREFIX, end()); it.hasNext(); ) {
                KvEntry e = it.next();
                boolean stale = Timestamps.physicalMillis(e.commitTs()) < freshAfter;
                boolean clear = e.commitTs() > ts && oldest(e.value()) >= ts;
                if (!stale && !clear) {
                    nodes.add(new String(e.key(), PREFIX.length, e.key().length - PREFIX.length,
                            StandardCharsets.UTF_8));
                }
            }
        }
        return nodes;
    }
}
