/**
 * The vocabulary of the replicated logs: commands appended to a group's log ({@link
 * io.shardsql.storage.raft.command.ShardCommand}), reads of a group ({@link
 * io.shardsql.storage.raft.command.ShardQuery}), the answers to both ({@link
 * io.shardsql.storage.raft.command.ShardReply}), and their binary form ({@link
 * io.shardsql.storage.raft.command.ShardCodec} over {@link io.shardsql.storage.raft.command.ByteWriter} and
 * {@link io.shardsql.storage.raft.command.ByteReader}). Layers above storage add commands and queries of their
 * own as {@code ShardCommand.Extension} / {@code ShardQuery.Extension}, decoded by the extensions a
 * state machine was given ({@link io.shardsql.storage.raft.command.ExtensionCodecs}).
 */
package io.shardsql.storage.raft.command;
