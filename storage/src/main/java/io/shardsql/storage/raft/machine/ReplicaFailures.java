package io.shardsql.storage.raft.machine;

import org.apache.ratis.protocol.RaftGroupId;

/**
 * Told when a replica's storage failed under it (its store refused a write, or Ratis could not write its
 * log — a full disk, an I/O error). The replica has stopped: it neither applies nor answers any more, and
 * must be taken out of its group and started again on what it has on disk
 * ({@code storage.raft.host.FailedReplicas}).
 */
@FunctionalInterface
public interface ReplicaFailures {
    ReplicaFailures NONE = (group, cause) -> {};

    /** Called once per failure, on a Ratis thread: must not block. */
    void storageFailed(RaftGroupId group, Throwable cause);
}
