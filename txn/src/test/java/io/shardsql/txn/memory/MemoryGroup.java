package io.shardsql.txn.memory;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.storage.raft.machine.StandaloneReplica;
import io.shardsql.txn.spi.GroupClient;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * One group in memory, as a {@link GroupClient}: each request is applied (or answered) at once by a
 * {@link StandaloneReplica}, unless a scripted fault matches it first. Faults apply in the order
 * they were scripted, each to the requests its filter matches, for its count:
 * {@link Fault#UNAVAILABLE} fails without applying (nothing happened), {@link Fault#LOST_REPLY}
 * applies and then fails (the outcome is unknown to the sender), {@link Fault#STALL} holds the
 * request until {@link #release()}. Every request is recorded ({@link #received()}).
 */
public final class MemoryGroup implements GroupClient {
    /** What a scripted fault does to a request. */
    public enum Fault { UNAVAILABLE, LOST_REPLY, STALL }

    private record Script(Fault fault, Predicate<Object> matches, int[] left) {}

    private final StandaloneReplica replica;
    private final List<Script> scripts = new ArrayList<>();
    private final List<Object> received = new ArrayList<>();
    private final Queue<Runnable> stalled = new ArrayDeque<>();

    MemoryGroup(StandaloneReplica replica) {
        this.replica = replica;
    }

    /** The next {@code count} requests of type {@code type} (a command or query class) meet {@code fault}. */
    public synchronized MemoryGroup script(Fault fault, Class<?> type, int count) {
        scripts.add(new Script(fault, type::isInstance, new int[] {count}));
        return this;
    }

    /** The next {@code count} requests, whatever they are, meet {@code fault}. */
    public synchronized MemoryGroup script(Fault fault, int count) {
        scripts.add(new Script(fault, r -> true, new int[] {count}));
        return this;
    }

    /** Answers every stalled request now, in the order they came. */
    public void release() {
        List<Runnable> run;
        synchronized (this) {
            run = new ArrayList<>(stalled);
            stalled.clear();
        }
        run.forEach(Runnable::run);
    }

    /** The requests received so far (commands and queries), in order. */
    public synchronized List<Object> received() { return List.copyOf(received); }

    public synchronized void clearReceived() { received.clear(); }

    public MvccStore store() { return replica.store(); }

    /** Applies {@code command} directly, past any scripted fault (test setup). */
    public ShardReply apply(ShardCommand command) { return replica.apply(command); }

    @Override
    public GroupName name() { return replica.group(); }

    @Override
    public CompletableFuture<ShardReply> submit(ShardCommand command) {
        return handle(command, () -> CompletableFuture.completedFuture(replica.apply(command)));
    }

    @Override
    public CompletableFuture<ShardReply> submitDeferred(ShardCommand command, Duration linger) {
        return submit(command);
    }

    @Override
    public CompletableFuture<ShardReply> query(ShardQuery query) {
        return handle(query, () -> replica.query(query));
    }

    @Override
    public CompletableFuture<ShardReply> queryWaiting(ShardQuery query) {
        return query(query);
    }

    private CompletableFuture<ShardReply> handle(Object request,
            java.util.function.Supplier<CompletableFuture<ShardReply>> run) {
        Fault fault = faultFor(request);
        if (fault == null) return run.get();
        switch (fault) {
            case UNAVAILABLE:
                return CompletableFuture.failedFuture(unavailable("unavailable (scripted)"));
            case LOST_REPLY:
                return run.get().thenCompose(r -> CompletableFuture.failedFuture(unavailable("reply lost (scripted)")));
            default:
                CompletableFuture<ShardReply> later = new CompletableFuture<>();
                synchronized (this) {
                    stalled.add(() -> run.get().whenComplete((r, e) -> {
                        if (e != null) later.completeExceptionally(e);
                        else later.complete(r);
                    }));
                }
                return later;
        }
    }

    private synchronized Fault faultFor(Object request) {
        received.add(request);
        for (Script s : scripts) {
            if (s.left()[0] > 0 && s.matches().test(request)) {
                s.left()[0]--;
                return s.fault();
            }
        }
        return null;
    }

    private ShardSqlException unavailable(String what) {
        return new ShardSqlException(ErrorCode.UNAVAILABLE, name() + ": " + what);
    }
}
