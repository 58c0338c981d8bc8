package io.shardsql.testkit;

import io.shardsql.storage.KvEntry;
import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.storage.raft.machine.ShardStateMachine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes unique keys and remembers which writes were acknowledged, so a test can check afterwards
 * that every acknowledged write is present exactly once and nothing unexpected appeared.
 */
final class Workload {
    static final byte[] PREFIX = "w/".getBytes(StandardCharsets.UTF_8);
    static final byte[] PREFIX_END = "w0".getBytes(StandardCharsets.UTF_8); // '0' follows '/'

    private final AtomicLong clock = new AtomicLong(1_000);
    final Map<String, String> acked = new ConcurrentHashMap<>();
    final Set<String> attempted = ConcurrentHashMap.newKeySet();
    final AtomicLong failures = new AtomicLong();

    static byte[] key(String k) { return ("w/" + k).getBytes(StandardCharsets.UTF_8); }

    /** Writes {@code k = v} and waits; records it as acknowledged only if the cluster said so. */
    boolean write(ClusterClient client, String k, String v) {
        attempted.add(k);
        long ts = clock.incrementAndGet();
        try {
            client.put(key(k), v.getBytes(StandardCharsets.UTF_8), ts - 1, ts).join();
            acked.put(k, v);
            return true;
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            return false;
        }
    }

    /**
     * Starts {@code n} threads that write unique keys through {@code cluster}'s client until the returned
     * handle is closed (which stops them and waits for them).
     */
    Writers startWriters(MiniCluster cluster, int n) {
        return new Writers(this, cluster, n);
    }

    /** Writer threads of a workload; {@link #close()} stops and joins them. */
    static final class Writers implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();

        private Writers(Workload w, MiniCluster cluster, int n) {
            for (int t = 0; t < n; t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    for (int seq = 0; !stop.get(); seq++) w.write(cluster.client(), id + "-" + seq, "v" + seq);
                }, "writer-" + t);
                th.start();
                threads.add(th);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread th : threads) th.join();
        }
    }

    /** Everything under the workload's prefix, read linearizably from the shards' leaders. */
    static Map<String, String> readAll(ClusterClient client) {
        List<KvEntry> entries = client.scanAll(PREFIX, PREFIX_END, Long.MAX_VALUE, 500);
        Map<String, String> out = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (KvEntry e : entries) {
            String k = new String(e.key(), StandardCharsets.UTF_8).substring(2);
            keys.add(k);
            out.put(k, new String(e.value(), StandardCharsets.UTF_8));
        }
        assertThat(keys).doesNotHaveDuplicates();
        return out;
    }

    /** What one replica holds under the workload's prefix, read from its own store (no leader involved). */
    static Map<String, String> readReplica(ShardStateMachine replica) {
        Map<String, String> out = new HashMap<>();
        byte[] from = PREFIX;
        while (from != null) {
            ShardReply.Entries page = (ShardReply.Entries) replica.readLocal(new ShardQuery.Scan(from, PREFIX_END, Long.MAX_VALUE, 500));
            for (KvEntry e : page.entries()) {
                out.put(new String(e.key(), StandardCharsets.UTF_8).substring(2), new String(e.value(), StandardCharsets.UTF_8));
            }
            from = page.resumeKey();
        }
        return out;
    }

    /** Every acknowledged write is there with its value; nothing that was never attempted is. */
    void verify(ClusterClient client) {
        Map<String, String> found = readAll(client);
        assertThat(found).containsAllEntriesOf(acked);
        assertThat(attempted).containsAll(found.keySet());
    }
}
