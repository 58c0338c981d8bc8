package io.shardsql.txn.spi;

import io.shardsql.storage.raft.GroupName;

import java.util.List;

/** The groups the transaction layer talks to, and where keys live. */
public interface Groups {
    /** The {@code control} group: the timestamp oracle and the system keys. */
    GroupClient control();

    /** Coordinator group {@code index}, {@code 0 <= index < coordinatorCount()}. */
    GroupClient coordinator(int index);

    int coordinatorCount();

    /** Any group by name: {@code control}, a shard, or a coordinator. */
    GroupClient group(GroupName group);

    /** The group holding {@code key} ({@code control} for system keys, else its shard). */
    GroupName groupOf(byte[] key);

    /**
     * The largest encoded command one Raft entry carries ({@code raft.log.entry-max-bytes} less the entry's
     * header); unbounded where nothing limits it (groups in memory).
     */
    default long maxCommandBytes() { return Long.MAX_VALUE; }

    /** The groups holding parts of {@code [start, end)} ({@code end == null}: to the end), in key order. */
    List<GroupName> groupsFor(byte[] start, byte[] end);
}
