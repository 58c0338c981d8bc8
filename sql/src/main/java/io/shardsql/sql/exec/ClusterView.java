package io.shardsql.sql.exec;

import java.util.List;

/**
 * What the node knows of the cluster, for {@code sys.shards} and {@code sys.nodes}: every replica of
 * every Raft group as it reports itself. Provided by whoever runs the engine (the node; a test cluster).
 */
public interface ClusterView {

    /** One replica of one group. */
    record Replica(String group, String node, String address, String role, long term, String leader,
                   long appliedIndex, long commitIndex) {}

    List<Replica> replicas();

    /** A view that knows nothing (an engine without a cluster around it has no replicas to show). */
    ClusterView NONE = List::of;
}
