package io.shardsql.storage.raft.host;

import io.shardsql.storage.raft.GroupName;

import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * On a leader, notices followers that have not answered its appends for {@code silentAfter}: a replica
 * that falls silent leaves its group one failure closer to losing its majority while nothing fails,
 * so it is worth a warning in the node's log (once every {@code repeat} per follower), with what the
 * leader knows of it. Each {@link #run()} is one pass over the groups this node leads.
 */
public final class FollowerWatch implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FollowerWatch.class);

    /** A follower that has not answered its leader for {@code silentMillis}; indexes as the leader knows them. */
    public record Silent(GroupName group, String follower, long silentMillis, long nextIndex, long matchIndex,
                         long leaderLastIndex) {}

    private final ReplicaHost host;
    private final Duration silentAfter;
    private final Duration repeat;
    private final Map<String, Long> warnedAt = new ConcurrentHashMap<>();

    public FollowerWatch(ReplicaHost host, Duration silentAfter, Duration repeat) {
        this.host = host;
        this.silentAfter = silentAfter;
        this.repeat = repeat;
    }

    @Override
    public void run() {
        try {
            long now = monotonicMillis();
            List<Silent> silent = silentFollowers();
            warnedAt.keySet().retainAll(silent.stream().map(FollowerWatch::key).toList());
            for (Silent s : silent) {
                Long last = warnedAt.get(key(s));
                if (last != null && now - last < repeat.toMillis()) continue;
                warnedAt.put(key(s), now);
                LOG.warn("{}: follower {} of {} has not answered for {} s "
                        + "(its next index {}, match index {}; last index here {})",
                        host.id(), s.follower(), s.group(), s.silentMillis() / 1000, s.nextIndex(), s.matchIndex(),
                        s.leaderLastIndex());
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: follower watch failed", host.id(), e);
        }
    }

    /** The followers of the groups this node leads that have been silent for {@code silentAfter} or longer. */
    public List<Silent> silentFollowers() {
        List<Silent> out = new ArrayList<>();
        RaftServer server = host.server();
        if (server == null) return out;
        for (RaftGroupId group : server.getGroupIds()) {
            RaftServer.Division division;
            try {
                division = server.getDivision(group);
            } catch (IOException gone) {
                continue;
            }
            if (!division.getInfo().isLeader()) continue;
            RoleInfoProto role = division.getInfo().getRoleInfoProto();
            if (!role.hasLeaderInfo()) continue;
            List<ServerRpcProto> followers = role.getLeaderInfo().getFollowerInfoList();
            long[] next = division.getInfo().getFollowerNextIndices();
            long[] match = division.getInfo().getFollowerMatchIndices();
            long last = division.getRaftLog().getNextIndex() - 1;
            for (int i = 0; i < followers.size(); i++) {
                ServerRpcProto f = followers.get(i);
                if (f.getLastRpcElapsedTimeMs() < silentAfter.toMillis()) continue;
                out.add(new Silent(GroupName.of(group), f.getId().getId().toStringUtf8(), f.getLastRpcElapsedTimeMs(),
                        i < next.length ? next[i] : -1, i < match.length ? match[i] : -1, last));
            }
        }
        return out;
    }

    private static String key(Silent s) {
        return s.group() + "/" + s.follower();
    }

    /** Milliseconds on the monotonic clock: elapsed times and backoffs must not follow a wall-clock jump. */
    private static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }
}
