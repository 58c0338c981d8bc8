package io.shardsql.testkit.txn;

import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.client.ShardClient;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers shared by the transaction failure tests. */
final class TxnChecks {
    private TxnChecks() {}

    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    /** {@code count} keys under {@code prefix}, one on each of {@code count} different shards. */
    static List<byte[]> keysOnDistinctShards(ClusterClient client, String prefix, int count) {
        List<byte[]> keys = new ArrayList<>();
        boolean[] used = new boolean[client.shardCount()];
        for (int i = 0; keys.size() < count; i++) {
            byte[] k = bytes(prefix + "/" + i);
            int shard = client.shardOf(k);
            if (!used[shard]) {
                used[shard] = true;
                keys.add(k);
            }
        }
        return keys;
    }

    /** Writes {@code value} to every key in one transaction (through the given manager, with its hooks). */
    static long writeAll(TransactionManager txns, List<byte[]> keys, String value) {
        try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
            for (byte[] k : keys) tx.put(k, bytes(value));
            return tx.commit();
        }
    }

    /** The values of {@code keys} in one fresh snapshot (absent: null). Reads resolve locks they meet. */
    static List<String> readAll(TransactionManager txns, List<byte[]> keys) {
        return readAll(txns, keys, false);
    }

    /** {@code together}: all keys in one read per shard first ({@link Transaction#prefetch}), as SQL batches do. */
    static List<String> readAll(TransactionManager txns, List<byte[]> keys, boolean together) {
        try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
            if (together) tx.prefetch(keys);
            List<String> out = new ArrayList<>();
            for (byte[] k : keys) {
                Optional<byte[]> v = tx.get(k);
                out.add(v.map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null));
            }
            return out;
        }
    }

    /** Asserts the keys hold all {@code value} or none of it: the transaction is whole or absent. Returns whether it is there. */
    static boolean wholeOrAbsent(TransactionManager txns, List<byte[]> keys, String value, String before) {
        return wholeOrAbsent(txns, keys, value, before, false);
    }

    static boolean wholeOrAbsent(TransactionManager txns, List<byte[]> keys, String value, String before, boolean together) {
        List<String> seen = readAll(txns, keys, together);
        boolean committed = value.equals(seen.get(0));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) expected.add(committed ? value : before);
        assertThat(seen).as("all or nothing of the transaction writing %s", value).isEqualTo(expected);
        return committed;
    }

    /** Locks left on all shards, read linearizably from each leader. */
    static int locksLeft(ClusterClient client) {
        int n = 0;
        for (int s = 0; s < client.shardCount(); s++) {
            ShardReply r = ShardClient.await(client.shard(s).query(new ShardQuery.ScanLocks(new byte[0], null, 10_000)));
            n += ((ShardReply.Locks) r).locks().size();
        }
        return n;
    }
}
