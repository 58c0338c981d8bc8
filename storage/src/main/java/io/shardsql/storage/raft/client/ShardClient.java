package io.shardsql.storage.raft.client;

import io.shardsql.storage.raft.EntryLimits;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCodec;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.retry.ExponentialBackoffRetry;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.TimeDuration;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Talks to one Raft group. Ratis' client finds the leader and follows it when it moves; failed
 * attempts (no leader, leader changed, timeouts) are retried with exponential backoff until the
 * operation's deadline, and a retried write keeps its call id, so the leader's retry cache applies it
 * at most once. Writes go through a {@link WriteBatcher}; reads are linearizable
 * (leader, after ReadIndex or within its lease) and unordered: they do not wait behind this client's
 * writes in Ratis' ordered window. A read for a group whose
 * leader is in this process ({@link LocalReplicas}) is handed to that server directly, skipping the
 * network and gRPC; one whose leader is on a node with a read port goes there over a plain connection
 * ({@link PeerReads}) and is handed to that node's server the same way. Should the leader have moved
 * on by then, or the other node not answer, the read goes through Ratis' client, which finds the leader.
 * Writes always go through Ratis' client: its call ids are what make a retried write apply once.
 */
public final class ShardClient implements AutoCloseable {
    private final GroupName name;
    private final RaftGroup group;
    private final RaftProperties properties;
    private final Parameters parameters;
    private final ClientOptions options;
    private final WriteBatcher batcher;
    /** The largest encoded command one Raft entry carries ({@code raft.log.entry-max-bytes} less the header). */
    private final long maxCommandBytes;
    private final LocalReplicas local;
    private final PeerReads peers;
    private final InProcessReads inProcess = new InProcessReads();
    private volatile RaftPeerId leaderHint;
    private volatile RaftClient raft;
    private volatile boolean closed;

    public ShardClient(GroupName name, RaftGroup group, RaftProperties properties, Parameters parameters,
                       ClientOptions options, LocalReplicas local, PeerReads peers) {
        this.name = name;
        this.local = options.localReads() ? local : LocalReplicas.NONE;
        this.peers = options.peerReads() ? peers : PeerReads.NONE;
        this.group = group;
        this.properties = properties;
        this.parameters = parameters;
        this.options = options;
        this.raft = newRaftClient();
        this.maxCommandBytes = EntryLimits.maxCommandBytes(
                RaftServerConfigKeys.Log.Appender.bufferByteLimit(properties).getSize());
        this.batcher = new WriteBatcher(this::sendNow, options.maxInFlight(), options.maxBatch(), maxCommandBytes);
    }

    private RaftClient newRaftClient() {
        return RaftClient.newBuilder()
                .setClientId(ClientId.randomId())
                .setRaftGroup(group)
                .setProperties(properties)
                .setParameters(parameters)
                .setRetryPolicy(retryPolicy(options))
                .build();
    }

    /**
     * Ratis closes a client's ordered request window for good when a request fails in a way its retry
     * policy gives up on (a peer that does not host the group yet, at start-up). The request fails
     * {@code UNAVAILABLE}; the next one goes through a new client. The old client is closed outside
     * the lock: closing it fails its pending requests, whose handlers come back here.
     */
    private void replaceClosed(RaftClient failed) {
        synchronized (this) {
            if (closed || raft != failed) return;
            raft = newRaftClient();
        }
        try {
            failed.close();
        } catch (IOException e) {
            // it is broken already
        }
    }

    /** Backoff from 20 ms doubling to 1 s, as many attempts as fit in the deadline. */
    static RetryPolicy retryPolicy(ClientOptions options) {
        long budget = options.deadline().toMillis();
        int attempts = 0;
        for (long sleep = 20, spent = 0; spent < budget; sleep = Math.min(sleep * 2, 1000)) {
            spent += sleep;
            attempts++;
        }
        return ExponentialBackoffRetry.newBuilder()
                .setBaseSleepTime(TimeDuration.valueOf(20, TimeUnit.MILLISECONDS))
                .setMaxSleepTime(TimeDuration.valueOf(1, TimeUnit.SECONDS))
                .setMaxAttempts(Math.max(1, attempts))
                .build();
    }

    public GroupName name() { return name; }

    /** Proposes {@code command}, sharing a Raft entry with others that arrive at the same time. */
    public CompletableFuture<ShardReply> submit(ShardCommand command) {
        ShardSqlException tooLarge = tooLarge(command);
        return tooLarge != null ? CompletableFuture.failedFuture(tooLarge) : batcher.submit(command);
    }

    /** The largest encoded command this group's entries carry; a larger one is refused before it is proposed. */
    public long maxCommandBytes() { return maxCommandBytes; }

    /**
     * A command larger than an entry may carry would be refused by the leader (Ratis: "Log entry size ... exceeds
     * the max buffer limit"), as an internal error; it is refused here instead, clearly, before it goes out.
     */
    private ShardSqlException tooLarge(ShardCommand command) {
        long size = ShardCodec.encodedSize(command);
        if (size <= maxCommandBytes) return null;
        return new ShardSqlException(ErrorCode.ENTRY_TOO_LARGE, "a command of " + size + " bytes for " + name
                + " is larger than one Raft entry may carry (" + maxCommandBytes + " bytes: raft.log.entry-max-bytes,"
                + " Ratis' raft.server.log.appender.buffer.byte-limit, less the entry header)");
    }

    /**
     * Proposes {@code command} in the next entry that something else sends to this group, or on its own
     * after {@code linger}: for work nobody waits for (resolving locks after a commit), so that it costs
     * no Raft entry of its own when the group is busy, and does not hold up the entry that comes next
     * when a lone client's next transaction follows at once.
     */
    public CompletableFuture<ShardReply> submitDeferred(ShardCommand command, Duration linger) {
        ShardSqlException tooLarge = tooLarge(command);
        if (tooLarge != null) return CompletableFuture.failedFuture(tooLarge);
        return batcher.submitDeferred(command, linger.toNanos());
    }

    /** Proposes {@code command} as a Raft entry of its own. */
    public CompletableFuture<ShardReply> sendNow(ShardCommand command) {
        ShardSqlException tooLarge = tooLarge(command);
        if (tooLarge != null) return CompletableFuture.failedFuture(tooLarge);
        Message m = Message.valueOf(ByteString.copyFrom(ShardCodec.encode(command)));
        return withinDeadline(retrying(() -> {
            RaftClient client = raft;
            return withDeadline(client, client.async().send(m));
        }, ShardClient::refusedBeforeAppending, System.nanoTime() + options.deadline().toNanos(), 20));
    }

    /**
     * A leader that is stepping down refuses a write before appending it to its log, so sending it
     * again (to whoever leads next) cannot apply it twice.
     */
    private static boolean refusedBeforeAppending(Throwable t) {
        return causedBy(t, LeaderSteppingDownException.class);
    }

    /** A read may go again after any answer that says no leader could serve it right now. */
    private static boolean readNotServed(Throwable t) {
        return causedBy(t, ReadIndexException.class) || causedBy(t, LeaderSteppingDownException.class);
    }

    /** A linearizable read on the group's leader. */
    public CompletableFuture<ShardReply> query(ShardQuery query) {
        return linearizableRead(ShardCodec.encode(query));
    }

    /**
     * {@link #query}, for a caller that waits for the reply at once: a point query of a group led by
     * another node goes over a blocking socket of the calling thread's ({@link PeerReads#readWaiting}),
     * and the future comes back complete. A query that is not a point, a group led here, or a read not
     * served that way goes as {@link #query} sends it.
     */
    public CompletableFuture<ShardReply> queryWaiting(ShardQuery query) {
        byte[] q = ShardCodec.encode(query);
        if (options.waitingPeerReads() && ShardCodec.isPointQuery(q) && local.leaderOf(group.getGroupId()) == null) {
            RaftPeerId leader = knownLeader();
            if (leader != null && peers.reaches(leader)) {
                PeerReads.Answer answer = peers.readWaiting(leader, group.getGroupId(), false, q);
                if (answer.served()) return CompletableFuture.completedFuture(ShardCodec.decodeReply(answer.reply()));
                if (answer.knownLeader() != null) leaderHint = answer.knownLeader();
            }
        }
        return linearizableRead(q);
    }

    private CompletableFuture<ShardReply> linearizableRead(byte[] query) {
        return withinDeadline(retrying(() -> read(query, false), ShardClient::readNotServed,
                System.nanoTime() + options.deadline().toNanos(), 20));
    }

    /**
     * {@code f}, failed {@code TIMEOUT} if it has not ended within the deadline: whatever happens on the
     * way (a client closed or replaced under it, a peer that never answers), one operation ends then.
     */
    private CompletableFuture<ShardReply> withinDeadline(CompletableFuture<ShardReply> f) {
        return f.orTimeout(options.deadline().toMillis(), TimeUnit.MILLISECONDS).handle((reply, error) -> {
            if (error != null) throw new CompletionException(translate(error));
            return reply;
        });
    }

    /** What a request on a closed client fails with: not retryable, the client will not serve again. */
    private ShardSqlException closedError() {
        return new ShardSqlException(ErrorCode.INTERNAL, "the client of " + name + " is closed");
    }

    /** One attempt at a read: on the leader in this process if there is one, else on the leader's node. */
    private CompletableFuture<ShardReply> read(byte[] query, boolean leaderOnly) {
        RaftServer server = local.leaderOf(group.getGroupId());
        if (server == null) return onLeadersNode(query, leaderOnly);
        return withDeadline(null,
                inProcess.submit(server, group.getGroupId(), message(query), leaderOnly)).handle((reply, error) -> {
            if (error == null && reply instanceof ShardReply.Failed f && f.code() == ErrorCode.NOT_LEADER) {
                return onLeadersNode(query, leaderOnly); // a leader-only query found a replica that does not lead
            }
            if (error == null) return CompletableFuture.completedFuture(reply);
            if (causedBy(error, NotLeaderException.class) || causedBy(error, LeaderNotReadyException.class)) {
                return onLeadersNode(query, leaderOnly); // it stopped leading since we looked
            }
            return CompletableFuture.<ShardReply>failedFuture(error);
        }).thenCompose(f -> f);
    }

    /**
     * The read on the node that leads the group as far as this node knows (its own replica's view, else
     * what the last node that did not serve a read said, else Ratis' client's), over that node's read port;
     * through Ratis' client if it has none, or does not serve the read.
     */
    private CompletableFuture<ShardReply> onLeadersNode(byte[] query, boolean leaderOnly) {
        RaftPeerId leader = knownLeader();
        if (leader == null || !peers.reaches(leader)) return remoteRead(query, leaderOnly);
        return peers.read(leader, group.getGroupId(), leaderOnly, query).thenCompose(answer -> {
            if (answer.served()) {
                ShardReply reply = ShardCodec.decodeReply(answer.reply());
                if (!refusedNotLeader(reply)) return CompletableFuture.completedFuture(reply);
                leaderHint = null; // it stopped leading since: ask the replicas through Ratis' client
            } else {
                leaderHint = answer.knownLeader();
            }
            return remoteRead(query, leaderOnly);
        });
    }

    /**
     * The group's leader as this node's replica sees it, else as the last node that declined a read said, else as
     * Ratis' client thinks.
     */
    private RaftPeerId knownLeader() {
        RaftPeerId leader = local.leaderIdOf(group.getGroupId());
        if (leader == null) leader = leaderHint;
        return leader != null ? leader : raft.getLeaderId();
    }

    /**
     * The read through Ratis' client. A linearizable read may be served by a follower (it asks the leader
     * for a read index first); a query only the leader answers (timestamps) is refused there with
     * {@code NOT_LEADER} inside a successful Ratis reply, so Ratis' client never learns that its leader
     * moved and would send every retry to the same follower until the deadline. Such a refusal sends the
     * read to the group's other replicas at once ({@link #onOtherReplicas}).
     */
    private CompletableFuture<ShardReply> remoteRead(byte[] query, boolean leaderOnly) {
        if (closed) return CompletableFuture.failedFuture(closedError());
        RaftClient client = raft;
        Message m = message(query);
        if (leaderOnly) return withDeadline(client, client.async().sendReadOnlyNonLinearizable(m));
        AtomicReference<RaftPeerId> servedBy = new AtomicReference<>();
        CompletableFuture<RaftClientReply> sent = client.async().sendReadOnlyUnordered(m).whenComplete((r, e) -> {
            if (r != null) servedBy.set(r.getServerId());
        });
        return withDeadline(client, sent).thenCompose(reply -> refusedNotLeader(reply)
                ? onOtherReplicas(client, m, servedBy.get(), reply)
                : CompletableFuture.completedFuture(reply));
    }

    private static boolean refusedNotLeader(ShardReply reply) {
        return reply instanceof ShardReply.Failed f && f.code() == ErrorCode.NOT_LEADER;
    }

    /**
     * The read sent to each replica of the group but {@code refusedBy}, all at once (one of them may be
     * down, and a request to it would only end at the deadline): the first reply that is not a
     * {@code NOT_LEADER} refusal is the answer, and its replica the leader hint; if every one refuses or
     * fails, {@code refusal} (the caller's retries go on from there).
     */
    private CompletableFuture<ShardReply> onOtherReplicas(RaftClient client, Message m, RaftPeerId refusedBy,
                                                          ShardReply refusal) {
        List<RaftPeerId> others = group.getPeers().stream().map(p -> p.getId())
                .filter(id -> !id.equals(refusedBy)).toList();
        if (others.isEmpty()) return CompletableFuture.completedFuture(refusal);
        CompletableFuture<ShardReply> answer = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(others.size());
        for (RaftPeerId peer : others) {
            CompletableFuture<ShardReply> one;
            try {
                one = withDeadline(client, client.async().sendReadOnlyUnordered(m, peer));
            } catch (RuntimeException e) {
                one = CompletableFuture.failedFuture(e);
            }
            one.whenComplete((reply, error) -> {
                if (error == null && !refusedNotLeader(reply)) {
                    if (answer.complete(reply)) leaderHint = peer;
                } else if (left.decrementAndGet() == 0) {
                    answer.complete(refusal);
                }
            });
        }
        return answer;
    }

    private static Message message(byte[] encoded) {
        return Message.valueOf(UnsafeByteOperations.unsafeWrap(encoded));
    }

    /**
     * Sends a request again, after a backoff and within the deadline, while it fails in a way that
     * {@code retryable} says is safe to repeat. These are answers that come back inside Ratis' reply
     * (an election under way: {@link ReadIndexException}; a leader stepping down:
     * {@link LeaderSteppingDownException}), which Ratis' own client does not retry.
     */
    private CompletableFuture<ShardReply> retrying(Supplier<CompletableFuture<ShardReply>> send,
                                                   Predicate<Throwable> retryable, long deadlineNanos,
                                                   long backoffMillis) {
        if (closed) return CompletableFuture.failedFuture(closedError());
        CompletableFuture<ShardReply> sent;
        try {
            sent = send.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((reply, error) -> {
            if (error == null) return CompletableFuture.completedFuture(reply);
            long left = deadlineNanos - System.nanoTime();
            if (!retryable.test(error) || left <= TimeUnit.MILLISECONDS.toNanos(backoffMillis)) {
                return CompletableFuture.<ShardReply>failedFuture(error);
            }
            Executor later = CompletableFuture.delayedExecutor(backoffMillis, TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(ignored -> retrying(send, retryable, deadlineNanos,
                            Math.min(backoffMillis * 2, 1000)));
        }).thenCompose(f -> f);
    }

    /** Waits for {@code f} and returns its reply, turning a {@link ShardReply.Failed} into an exception. */
    public static ShardReply await(CompletableFuture<ShardReply> f) {
        ShardReply r;
        try {
            r = f.join();
        } catch (CompletionException e) {
            ShardSqlException s = ShardSqlException.find(e);
            throw s != null ? s : new ShardSqlException(ErrorCode.UNAVAILABLE, e.getCause().toString(), e.getCause());
        }
        if (r instanceof ShardReply.Failed failed) throw failed.toException();
        return r;
    }

    /**
     * The reply of {@code sent}, or its failure as a {@link ShardSqlException}; {@code client} is null for a request
     * made in-process.
     */
    private CompletableFuture<ShardReply> withDeadline(RaftClient client, CompletableFuture<RaftClientReply> sent) {
        return sent.orTimeout(options.deadline().toMillis(), TimeUnit.MILLISECONDS)
                .handle((reply, error) -> {
                    Throwable failure = error != null ? error : reply.isSuccess() ? null : reply.getException();
                    if (client != null && failure != null && causedBy(failure, AlreadyClosedException.class)) {
                        replaceClosed(client);
                    }
                    if (error != null) throw new CompletionException(translate(error));
                    if (!reply.isSuccess()) throw new CompletionException(translate(reply.getException()));
                    return ShardCodec.decodeReply(reply.getMessage().getContent().toByteArray());
                });
    }

    private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) return true;
        }
        return false;
    }

    private ShardSqlException translate(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        ShardSqlException s = ShardSqlException.find(t);
        if (s != null) return s;
        if (t instanceof TimeoutException) {
            return new ShardSqlException(ErrorCode.TIMEOUT, name + ": no answer within " + options.deadline().toMillis()
                    + " ms; a write may or may not have been applied");
        }
        if (t instanceof StateMachineException sme) {
            return new ShardSqlException(ErrorCode.BAD_COMMAND, name + " refused the command: " + sme.getMessage(),
                    sme);
        }
        if (t instanceof IOException) {
            return new ShardSqlException(ErrorCode.UNAVAILABLE, name + " is unavailable: " + t.getMessage(), t);
        }
        return new ShardSqlException(ErrorCode.INTERNAL, name + ": " + t, t);
    }

    /** Closes the Ratis client outside the lock, for the same reason as {@link #replaceClosed}. */
    @Override
    public void close() {
        RaftClient last;
        synchronized (this) {
            closed = true;
            last = raft;
        }
        try {
            last.close();
        } catch (IOException e) {
            throw new ShardSqlException(ErrorCode.INTERNAL, "closing client of " + name + ": " + e.getMessage(), e);
        }
    }
}
