package io.shardsql.txn.impl;

import io.shardsql.storage.LockEntry;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.txn.spi.GroupClient;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads every lock of a group, a page of {@value #PAGE} at a time, each page from just after the last
 * key of the one before: linearizable reads, off the group's apply thread, however many locks there are.
 */
final class LockPages {
    static final int PAGE = 10_000;

    private LockPages() {}

    /** Gives each lock of {@code group}, in key order, to {@code each}. */
    static void forEach(GroupClient group, Consumer<LockEntry> each) {
        byte[] from = new byte[0];
        while (from != null) {
            ShardReply r = Futures.ok(Futures.reply(group.query(new ShardQuery.ScanLocks(from, null, PAGE))));
            List<LockEntry> page = ((ShardReply.Locks) r).locks();
            page.forEach(each);
            from = page.size() < PAGE ? null : justAfter(page.get(page.size() - 1).key());
        }
    }

    /** The smallest key greater than {@code key}. */
    private static byte[] justAfter(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
