package io.shardsql.storage.raft.client;

import io.shardsql.storage.raft.command.ShardCodec;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardReply;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Group commit for one shard: commands that arrive while earlier entries are in flight share one Raft
 * entry ({@link ShardCommand.Batch}), and up to {@code maxInFlight} entries are pipelined. A lone
 * writer is sent at once; under load, batches grow by themselves. A deferred command waits (briefly)
 * for company instead. A batch also stops short of {@code maxBytes} encoded (one Raft entry's limit,
 * {@code raft.log.entry-max-bytes}): commands that each fit an entry must not be refused for sharing one.
 *
 * <pre>
 *   submit ──► queue ──► (in flight &lt; max?) ──► drain up to maxBatch ──► one Raft entry ──► replies split
 *                 ▲                                                               │
 *                 └────────────────── on completion: drain again ◄────────────────┘
 * </pre>
 */
final class WriteBatcher {
    /** {@code bytes}: the command's encoded size inside a batch (its tag and body). */
    private record Pending(ShardCommand command, CompletableFuture<ShardReply> reply, long bytes) {
        Pending(ShardCommand command) {
            this(command, new CompletableFuture<>(), ShardCodec.encodedSize(command) - 1);
        }
    }

    /** A batch's own bytes: the format byte, its tag and its count. */
    private static final long BATCH_HEADER_BYTES = 1 + 1 + 4;

    private final Function<ShardCommand, CompletableFuture<ShardReply>> sender;
    private final int maxInFlight;
    private final int maxBatch;
    private final long maxBytes;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    WriteBatcher(Function<ShardCommand, CompletableFuture<ShardReply>> sender, int maxInFlight, int maxBatch) {
        this(sender, maxInFlight, maxBatch, Long.MAX_VALUE);
    }

    WriteBatcher(Function<ShardCommand, CompletableFuture<ShardReply>> sender, int maxInFlight, int maxBatch,
                 long maxBytes) {
        this.sender = sender;
        this.maxInFlight = maxInFlight;
        this.maxBatch = maxBatch;
        this.maxBytes = maxBytes;
    }

    CompletableFuture<ShardReply> submit(ShardCommand command) {
        Pending p = new Pending(command);
        queue.add(p);
        drain();
        return p.reply();
    }

    /**
     * Queues {@code command} without sending an entry for it alone: it rides in the next entry that
     * anything else sends (or that follows the one in flight), and is sent by itself only if nothing
     * else came within {@code lingerNanos}. For housekeeping that no caller waits for.
     */
    CompletableFuture<ShardReply> submitDeferred(ShardCommand command, long lingerNanos) {
        Pending p = new Pending(command);
        queue.add(p);
        CompletableFuture.delayedExecutor(lingerNanos, TimeUnit.NANOSECONDS).execute(this::drain);
        return p.reply();
    }

    private void drain() {
        while (!queue.isEmpty()) {
            int current = inFlight.get();
            if (current >= maxInFlight) return;
            if (!inFlight.compareAndSet(current, current + 1)) continue;
            List<Pending> batch = takeBatch();
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
                continue;
            }
            send(batch);
        }
    }

    /** The next commands to share an entry: at most {@code maxBatch}, and within {@code maxBytes} if more than one. */
    private List<Pending> takeBatch() {
        List<Pending> batch = new ArrayList<>();
        synchronized (queue) { // takers peek before they poll; submitters only add
            long bytes = BATCH_HEADER_BYTES;
            for (Pending p; batch.size() < maxBatch && (p = queue.peek()) != null; ) {
                if (!batch.isEmpty() && bytes + p.bytes() > maxBytes) break;
                batch.add(queue.poll());
                bytes += p.bytes();
            }
        }
        return batch;
    }

    private void send(List<Pending> batch) {
        ShardCommand command = batch.size() == 1 ? batch.get(0).command()
                : new ShardCommand.Batch(batch.stream().map(Pending::command).toList());
        CompletableFuture<ShardReply> sent;
        try {
            sent = sender.apply(command);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((reply, error) -> {
            inFlight.decrementAndGet();
            complete(batch, reply, error);
            drain();
        });
    }

    private static void complete(List<Pending> batch, ShardReply reply, Throwable error) {
        if (error != null) {
            batch.forEach(p -> p.reply().completeExceptionally(error));
        } else if (batch.size() == 1) {
            batch.get(0).reply().complete(reply);
        } else if (reply instanceof ShardReply.Batched b && b.replies().size() == batch.size()) {
            for (int i = 0; i < batch.size(); i++) batch.get(i).reply().complete(b.replies().get(i));
        } else {
            batch.forEach(p -> p.reply().complete(reply)); // a whole-batch failure answers every command
        }
    }

    int inFlight() { return inFlight.get(); }
}
