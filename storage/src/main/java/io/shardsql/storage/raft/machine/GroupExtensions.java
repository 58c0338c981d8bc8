package io.shardsql.storage.raft.machine;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.raft.command.ByteReader;
import io.shardsql.storage.raft.command.ExtensionCodecs;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The extensions a node's replicas run ({@link GroupExtension}), with their codecs, and which
 * extension owns which tag. {@link #open} gives one replica its {@link Opened} set.
 */
public final class GroupExtensions {
    /** No extension: storage's own commands only (storage's tests, tools). */
    public static final GroupExtensions NONE = of();

    private final List<GroupExtension> extensions;
    private final ExtensionCodecs codecs;
    private final Map<Integer, Integer> commandOwner = new HashMap<>();
    private final Map<Integer, Integer> queryOwner = new HashMap<>();

    private GroupExtensions(List<GroupExtension> extensions) {
        this.extensions = List.copyOf(extensions);
        ExtensionCodecs.Builder all = new ExtensionCodecs.Builder();
        for (int i = 0; i < this.extensions.size(); i++) {
            int owner = i;
            this.extensions.get(i).registerCodecs(new OwnedCodecs(all, owner));
        }
        this.codecs = all.build();
    }

    public static GroupExtensions of(GroupExtension... extensions) {
        return new GroupExtensions(List.of(extensions));
    }

    /** The decoders of every extension's commands and queries. */
    public ExtensionCodecs codecs() {
        return codecs;
    }

    /** The extensions' parts of one replica. */
    Opened open(ReplicaContext replica) {
        List<ReplicaExtension> parts = new ArrayList<>(extensions.size());
        for (GroupExtension e : extensions) parts.add(e.open(replica));
        return new Opened(parts);
    }

    /** Records which extension registered each tag while passing the registration on. */
    private final class OwnedCodecs implements ExtensionCodecs.Registry {
        private final ExtensionCodecs.Builder all;
        private final int owner;

        OwnedCodecs(ExtensionCodecs.Builder all, int owner) {
            this.all = all;
            this.owner = owner;
        }

        @Override
        public ExtensionCodecs.Registry command(int tag,
                Function<ByteReader, ? extends ShardCommand.Extension> decoder) {
            all.command(tag, decoder);
            commandOwner.put(tag, owner);
            return this;
        }

        @Override
        public ExtensionCodecs.Registry query(int tag, Function<ByteReader, ? extends ShardQuery.Extension> decoder) {
            all.query(tag, decoder);
            queryOwner.put(tag, owner);
            return this;
        }
    }

    /** One replica's extension parts, dispatched by tag. */
    final class Opened {
        private final List<ReplicaExtension> parts;

        private Opened(List<ReplicaExtension> parts) {
            this.parts = parts;
        }

        ShardReply apply(ShardCommand.Extension command, MvccBatch batch) {
            return owner(commandOwner, command.tag()).apply(command, batch);
        }

        CompletableFuture<ShardReply> query(ShardQuery.Extension query) {
            return owner(queryOwner, query.tag()).query(query);
        }

        void checkCommit(long commitTs, MvccBatch batch) {
            for (ReplicaExtension p : parts) p.checkCommit(commitTs, batch);
        }

        void collected(long safePointTs, MvccStore store, MvccBatch batch) {
            for (ReplicaExtension p : parts) p.collected(safePointTs, store, batch);
        }

        void storeOpened(MvccStore store) {
            for (ReplicaExtension p : parts) p.storeOpened(store);
        }

        private ReplicaExtension owner(Map<Integer, Integer> owners, int tag) {
            Integer i = owners.get(tag);
            if (i == null) throw new ShardSqlException(ErrorCode.BAD_COMMAND, "no extension handles tag 0x"
                    + Integer.toHexString(tag));
            return parts.get(i);
        }
    }
}
