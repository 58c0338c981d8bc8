package io.shardsql.storage.raft;

import io.shardsql.common.config.ConfigKey;

import java.time.Duration;
import java.util.Properties;

/**
 * How a {@link ShardClient} behaves: the deadline of one operation (retries with exponential
 * backoff stop there), how many Raft entries it keeps in flight per shard, and how many commands
 * one entry may carry.
 */
public record ClientOptions(Duration deadline, int maxInFlight, int maxBatch) {
    public static final ConfigKey<Duration> DEADLINE = ConfigKey.duration("client.deadline", Duration.ofSeconds(30),
            "how long one shard operation may take, retries included");
    public static final ConfigKey<Integer> MAX_IN_FLIGHT = ConfigKey.integer("client.max-in-flight", 1,
            "Raft entries a client keeps in flight per shard (pipelining)");
    public static final ConfigKey<Integer> MAX_BATCH = ConfigKey.integer("client.max-batch", 256,
            "commands that may share one Raft entry");

    public static ClientOptions from(Properties p) {
        return new ClientOptions(DEADLINE.get(p), MAX_IN_FLIGHT.get(p), MAX_BATCH.get(p));
    }

    public static ClientOptions defaults() {
        return from(new Properties());
    }
}
