/**
 * The state machine of one replica: {@link io.shardsql.storage.raft.machine.ShardStateMachine} (the Ratis
 * side: start-up recovery, apply, query, snapshots), {@link io.shardsql.storage.raft.machine.CommandApplier}
 * (commands into one storage batch), {@link io.shardsql.storage.raft.machine.QueryExecutor} (reads),
 * {@link io.shardsql.storage.raft.machine.CheckpointSnapshots} (snapshots as checkpoints with a
 * checksummed manifest) and the seam through which layers above add their commands, queries and
 * commit checks ({@link io.shardsql.storage.raft.machine.GroupExtension}). A
 * {@link io.shardsql.storage.raft.machine.StandaloneReplica} runs the same applier and queries over a
 * store without Raft, for tests of the layers above.
 */
package io.shardsql.storage.raft.machine;
