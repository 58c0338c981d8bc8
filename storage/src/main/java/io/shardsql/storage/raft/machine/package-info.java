/**
 * The state machine of one replica: {@link io.shardsql.storage.raft.machine.ShardStateMachine} (the Ratis
 * side: start-up recovery, apply, query, snapshots), {@link io.shardsql.storage.raft.machine.CommandApplier}
 * (commands into one storage batch), {@link io.shardsql.storage.raft.machine.QueryExecutor} (reads),
 * {@link io.shardsql.storage.raft.machine.CheckpointSnapshots} (snapshots as checkpoints with a
 * checksummed manifest) and the seam through which layers above add their commands, queries and
 * commit checks ({@link io.shardsql.storage.raft.machine.GroupExtension}).
 */
package io.shardsql.storage.raft.machine;
