package io.shardsql.storage.raft.host;

import io.shardsql.storage.raft.GroupName;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings back a replica that had to discard its state and its log (damaged files): it is removed
 * from its group's configuration and added again, through Raft. The leader then treats it as a new
 * member — it catches up (by snapshot install) before it counts for a majority — instead of
 * trusting the entries it had acknowledged before the damage.
 *
 * <pre>
 *   conf {A, B, W}  ──remove W──►  conf {A, B}  ──add W──►  conf {A, B, W} (W staged, installed, then voting)
 * </pre>
 */
public final class ReplicaRejoin implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaRejoin.class);

    private final RaftGroup group;
    private final RaftPeerId self;
    private final RaftProperties properties;
    private volatile boolean stopped;

    ReplicaRejoin(RaftGroup group, RaftPeerId self, RaftProperties properties) {
        this.group = group;
        this.self = self;
        this.properties = properties;
    }

    void stop() { stopped = true; }

    @Override
    public void run() {
        List<RaftPeer> all = new ArrayList<>(group.getPeers());
        List<RaftPeer> others = all.stream().filter(p -> !p.getId().equals(self)).toList();
        long backoff = 200;
        while (!stopped) {
            try (RaftClient client = RaftClient.newBuilder().setRaftGroup(RaftGroup.valueOf(group.getGroupId(), others))
                    .setProperties(properties).build()) {
                check(client.admin().setConfiguration(others), "remove");
                check(client.admin().setConfiguration(all), "add");
                LOG.info("{}: replica of {} removed and added again; the leader is bringing it up to date", self,
                        GroupName.of(group.getGroupId()));
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: rejoining {} failed ({}); retrying", self, GroupName.of(group.getGroupId()),
                        e.toString());
                try {
                    Thread.sleep(backoff); // retry backoff while the group has no leader
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    private void check(RaftClientReply reply, String step) throws IOException {
        if (!reply.isSuccess()) throw new IOException(step + " failed: " + reply.getException());
    }
}
