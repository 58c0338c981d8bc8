package io.shardsql.storage.raft.client;

import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardReply;

import io.shardsql.storage.Mutation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class WriteBatcherTest {

    private static ShardCommand write(int i) {
        return new ShardCommand.CommitWrites(i, i + 1, List.of(Mutation.put(new byte[]{(byte) i}, new byte[]{1})));
    }

    @Test
    void commandsArrivingWhileOneIsInFlightShareTheNextEntry() {
        List<CompletableFuture<ShardReply>> sent = new CopyOnWriteArrayList<>();
        List<ShardCommand> entries = new CopyOnWriteArrayList<>();
        WriteBatcher batcher = new WriteBatcher(c -> {
            entries.add(c);
            CompletableFuture<ShardReply> f = new CompletableFuture<>();
            sent.add(f);
            return f;
        }, 1, 100);

        CompletableFuture<ShardReply> first = batcher.submit(write(0));
        List<CompletableFuture<ShardReply>> later = new ArrayList<>();
        for (int i = 1; i <= 5; i++) later.add(batcher.submit(write(i)));
        assertThat(entries).hasSize(1); // one entry in flight, five queued

        sent.get(0).complete(ShardReply.DONE);
        assertThat(first).isCompletedWithValue(ShardReply.DONE);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(1)).isInstanceOfSatisfying(ShardCommand.Batch.class, b -> assertThat(b.commands()).hasSize(5));

        List<ShardReply> replies = new ArrayList<>();
        for (int i = 1; i <= 5; i++) replies.add(i % 2 == 0 ? ShardReply.DONE : new ShardReply.Failed(io.shardsql.common.ErrorCode.WRITE_CONFLICT, "x", null, null));
        sent.get(1).complete(new ShardReply.Batched(replies));
        for (int i = 0; i < 5; i++) assertThat(later.get(i)).isCompletedWithValue(replies.get(i));
    }

    @Test
    void aBatchStopsShortOfTheEntryLimitAndTheRestGoesInTheNextEntry() {
        List<CompletableFuture<ShardReply>> sent = new CopyOnWriteArrayList<>();
        List<ShardCommand> entries = new CopyOnWriteArrayList<>();
        ShardCommand big = new ShardCommand.CommitWrites(1, 2, List.of(Mutation.put(new byte[] {1}, new byte[400])));
        long one = io.shardsql.storage.raft.command.ShardCodec.encodedSize(big);
        WriteBatcher batcher = new WriteBatcher(c -> {
            entries.add(c);
            CompletableFuture<ShardReply> f = new CompletableFuture<>();
            sent.add(f);
            return f;
        }, 1, 100, 2 * one + 10); // two of them fit one entry, three do not

        batcher.submit(write(0));
        for (int i = 0; i < 3; i++) batcher.submit(big);
        sent.get(0).complete(ShardReply.DONE);
        assertThat(entries).hasSize(2);
        assertThat(entries.get(1)).isInstanceOfSatisfying(ShardCommand.Batch.class, b -> {
            assertThat(b.commands()).hasSize(2);
            assertThat(io.shardsql.storage.raft.command.ShardCodec.encodedSize(b)).isLessThanOrEqualTo(2 * one + 10);
            assertThat(io.shardsql.storage.raft.command.ShardCodec.encode(b).length)
                    .isEqualTo(io.shardsql.storage.raft.command.ShardCodec.encodedSize(b));
        });
        sent.get(1).complete(new ShardReply.Batched(List.of(ShardReply.DONE, ShardReply.DONE)));
        assertThat(entries).hasSize(3);
        assertThat(entries.get(2)).isEqualTo(big);
    }

    @Test
    void aDeferredCommandRidesInTheNextEntrySomethingElseSends() {
        List<ShardCommand> entries = new CopyOnWriteArrayList<>();
        WriteBatcher batcher = new WriteBatcher(c -> {
            entries.add(c);
            return CompletableFuture.completedFuture(c instanceof ShardCommand.Batch b
                    ? new ShardReply.Batched(b.commands().stream().map(x -> (ShardReply) ShardReply.DONE).toList()) : ShardReply.DONE);
        }, 1, 100);

        ShardCommand resolve = write(0);
        ShardCommand prepare = write(1);
        CompletableFuture<ShardReply> deferred = batcher.submitDeferred(resolve, TimeUnit.SECONDS.toNanos(60));
        assertThat(entries).isEmpty();
        CompletableFuture<ShardReply> next = batcher.submit(prepare);

        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).isInstanceOfSatisfying(ShardCommand.Batch.class,
                b -> assertThat(b.commands()).containsExactly(resolve, prepare));
        assertThat(deferred).isCompletedWithValue(ShardReply.DONE);
        assertThat(next).isCompletedWithValue(ShardReply.DONE);
    }

    @Test
    void aDeferredCommandWithNoCompanyGoesAloneAfterItsLinger() {
        List<ShardCommand> entries = new CopyOnWriteArrayList<>();
        WriteBatcher batcher = new WriteBatcher(c -> {
            entries.add(c);
            return CompletableFuture.completedFuture(ShardReply.DONE);
        }, 1, 100);

        ShardCommand resolve = write(0);
        CompletableFuture<ShardReply> deferred = batcher.submitDeferred(resolve, TimeUnit.MILLISECONDS.toNanos(20));

        assertThat(deferred).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(ShardReply.DONE);
        assertThat(entries).containsExactly(resolve);
    }

    @Test
    void aFailedEntryFailsEveryCommandInIt() {
        List<CompletableFuture<ShardReply>> sent = new CopyOnWriteArrayList<>();
        WriteBatcher batcher = new WriteBatcher(c -> {
            CompletableFuture<ShardReply> f = new CompletableFuture<>();
            sent.add(f);
            return f;
        }, 1, 100);
        batcher.submit(write(0));
        CompletableFuture<ShardReply> a = batcher.submit(write(1));
        CompletableFuture<ShardReply> b = batcher.submit(write(2));
        sent.get(0).complete(ShardReply.DONE);
        sent.get(1).completeExceptionally(new IllegalStateException("leader gone"));
        assertThat(a).isCompletedExceptionally();
        assertThat(b).isCompletedExceptionally();
        assertThat(batcher.inFlight()).isZero();
    }

    @Test
    void pipelinesUpToTheInFlightLimitAndRespectsTheBatchSize() {
        List<ShardCommand> entries = new CopyOnWriteArrayList<>();
        List<CompletableFuture<ShardReply>> sent = new CopyOnWriteArrayList<>();
        WriteBatcher batcher = new WriteBatcher(c -> {
            entries.add(c);
            CompletableFuture<ShardReply> f = new CompletableFuture<>();
            sent.add(f);
            return f;
        }, 3, 4);
        for (int i = 0; i < 3; i++) batcher.submit(write(i));
        assertThat(entries).hasSize(3);
        for (int i = 3; i < 13; i++) batcher.submit(write(i));
        assertThat(batcher.inFlight()).isEqualTo(3);
        sent.get(0).complete(ShardReply.DONE);
        assertThat(entries).hasSize(4);
        assertThat(((ShardCommand.Batch) entries.get(3)).commands()).hasSize(4);
    }
}
