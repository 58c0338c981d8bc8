package io.shardsql.storage.raft.machine;

import io.shardsql.storage.raft.command.ExtensionCodecs;

/**
 * A layer above storage that adds its own commands, queries and commit checks to the groups' logs:
 * the transaction layer (coordinator decisions, the timestamp oracle) and the snapshot (markers and
 * epoch fences). Storage then knows logs, replicas, versions and locks, and each layer owns what its
 * commands mean.
 *
 * <pre>
 *   ReplicaHost(…, GroupExtensions.of(txn, snapshot))
 *     └─ each replica's ShardStateMachine ── open(context) ──► one ReplicaExtension per extension
 *          applyTransaction: ShardCommand.Extension ──(tag)──► its ReplicaExtension.apply(command, batch)
 *                            any commit at ts ──► every ReplicaExtension.checkCommit(ts, batch) first
 *          query:            ShardQuery.Extension ──(tag)──► its ReplicaExtension.query(query)
 * </pre>
 */
public interface GroupExtension {
    /** Registers the decoders of this extension's commands and queries; the tags it registers are its own. */
    void registerCodecs(ExtensionCodecs.Registry codecs);

    /** This extension's part of one replica, made when the replica's state machine starts. */
    ReplicaExtension open(ReplicaContext replica);
}
