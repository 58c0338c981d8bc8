package io.shardsql.storage.raft.machine;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One group's state machine without Raft: commands are applied one at a time by the same
 * {@link CommandApplier} a replica uses, each in its own committed batch with the next log index, and
 * queries are answered as the group's leader answers them (storage's queries by the replica's query
 * executor, extension queries by their extension). It leads its group always. For tests of the layers
 * above that drive groups in memory, and for tools.
 */
public final class StandaloneReplica {
    private final GroupName group;
    private final MvccStore store;
    private final Path dataDir;
    private final GroupExtensions.Opened opened;
    private final CommandApplier applier;
    private final QueryExecutor queries;
    private long index;

    /** A replica of {@code group} over {@code store}, running {@code extensions}; scan filters keep all. */
    public StandaloneReplica(GroupName group, MvccStore store, GroupExtensions extensions) {
        this(group, store, extensions, ScanFilters.KEEP_ALL);
    }

    public StandaloneReplica(GroupName group, MvccStore store, GroupExtensions extensions, ScanFilters filters) {
        this(group, store, extensions, filters, null);
    }

    /** A replica whose extensions keep their files under {@code dataDir} (null: none). */
    public StandaloneReplica(GroupName group, MvccStore store, GroupExtensions extensions, ScanFilters filters,
                             Path dataDir) {
        this.group = group;
        this.dataDir = dataDir;
        this.store = store;
        this.index = Math.max(0, store.appliedIndex().index());
        this.opened = extensions.open(new Context());
        this.opened.storeOpened(store);
        this.applier = new CommandApplier(store, opened);
        this.queries = new QueryExecutor(store, applier::collectingTo, filters);
    }

    public GroupName group() { return group; }

    public MvccStore store() { return store; }

    /** Applies {@code command} as the next log entry and commits it; returns its reply. */
    public synchronized ShardReply apply(ShardCommand command) {
        try (MvccBatch batch = store.newBatch()) {
            ShardReply reply = applier.apply(command, batch);
            batch.setAppliedIndex(1, ++index);
            batch.commit();
            return reply;
        }
    }

    /** Answers {@code query} as the group's leader would. */
    public CompletableFuture<ShardReply> query(ShardQuery query) {
        try {
            if (!(query instanceof ShardQuery.Extension e)) {
                return CompletableFuture.completedFuture(queries.execute(query));
            }
            return opened.query(e).exceptionally(t -> {
                ShardSqlException s = ShardSqlException.find(t);
                return ShardReply.Failed.of(s != null ? s : new ShardSqlException(ErrorCode.UNAVAILABLE,
                        t.toString(), t));
            });
        } catch (ShardSqlException e) {
            return CompletableFuture.completedFuture(ShardReply.Failed.of(e));
        }
    }

    /** What the extensions see of this replica: it leads its group in term 1, proposing applies at once. */
    private final class Context implements ReplicaContext {
        @Override
        public GroupName group() { return group; }

        @Override
        public String name() { return "standalone@" + group; }

        @Override
        public boolean isLeader() { return true; }

        @Override
        public long currentTerm() { return 1; }

        @Override
        public CompletableFuture<ShardReply> propose(ShardCommand command) {
            try {
                return CompletableFuture.completedFuture(apply(command));
            } catch (RuntimeException e) {
                ShardSqlException s = ShardSqlException.find(e);
                return CompletableFuture.completedFuture(ShardReply.Failed.of(
                        s != null ? s : new ShardSqlException(ErrorCode.INTERNAL, e.toString(), e)));
            }
        }

        @Override
        public ShardReply readLocal(ShardQuery query) { return queries.execute(query); }

        @Override
        public MvccStore store() { return store; }

        @Override
        public Path dataDir() { return dataDir; }

        @Override
        public void checkCommit(long commitTs, MvccBatch batch) { opened.checkCommit(commitTs, batch); }
    }
}
