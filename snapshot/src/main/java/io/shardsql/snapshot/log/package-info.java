/**
 * The snapshot's part of every group's replicated log, plugged into storage's state machine as a
 * {@code GroupExtension} ({@link io.shardsql.snapshot.log.SnapshotLogExtension}): the marker command
 * ({@link io.shardsql.snapshot.log.SnapshotCommand.Marker}), the part each replica takes when it applies
 * it ({@link io.shardsql.snapshot.log.PartTaken}), and the epoch fence that refuses commits below the
 * cut once the marker is applied ({@link io.shardsql.snapshot.log.SnapshotReplica}).
 */
package io.shardsql.snapshot.log;
