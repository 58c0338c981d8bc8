package io.shardsql.storage.raft.client;


import io.shardsql.common.config.ConfigKey;

import java.time.Duration;
import java.util.Properties;

/**
 * How a {@link ShardClient} behaves: the deadline of one operation (retries with exponential
 * backoff stop there), how many Raft entries it keeps in flight per shard, how many commands
 * one entry may carry, whether reads for a group led in this process skip the network, and whether
 * reads for a group led by another node go to that node's read port rather than through Ratis' client,
 * and whether a caller that waits for such a read does its I/O itself ({@code peer.BlockingPeerReads}).
 */
public record ClientOptions(Duration deadline, int maxInFlight, int maxBatch, boolean localReads, boolean peerReads,
                            boolean waitingPeerReads) {
    public static final ConfigKey<Duration> DEADLINE = ConfigKey.duration("client.deadline", Duration.ofSeconds(30),
            "how long one shard operation may take, retries included");
    public static final ConfigKey<Integer> MAX_IN_FLIGHT = ConfigKey.integer("client.max-in-flight", 1,
            "Raft entries a client keeps in flight per shard (pipelining)");
    public static final ConfigKey<Integer> MAX_BATCH = ConfigKey.integer("client.max-batch", 256,
            "commands that may share one Raft entry");
    public static final ConfigKey<Boolean> LOCAL_READS = ConfigKey.bool("client.local-reads", true,
            "reads for a group whose leader is in this process go to it directly instead of over the network");
    public static final ConfigKey<Boolean> PEER_READS = ConfigKey.bool("client.peer-reads", true,
            "reads for a group led by another node go to that node's read port instead of through Ratis' gRPC client");
    public static final ConfigKey<Boolean> WAITING_PEER_READS = ConfigKey.bool("client.peer-reads.blocking", true,
            "a point read whose caller waits for it goes over a blocking socket of the caller's own "
                    + "(no I/O thread hand-over)");

    public static ClientOptions from(Properties p) {
        return new ClientOptions(DEADLINE.get(p), MAX_IN_FLIGHT.get(p), MAX_BATCH.get(p), LOCAL_READS.get(p),
                PEER_READS.get(p), WAITING_PEER_READS.get(p));
    }

    public static ClientOptions defaults() {
        return from(new Properties());
    }
}
