package io.shardsql.server;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.raft.GroupName;
import org.apache.ratis.client.RaftClient;
import io.shardsql.storage.net.NodeTls;
import io.shardsql.storage.raft.RaftSettings;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.TermIndexProto;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.GroupListReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code bin/shardsql status} shows: for every group, every replica's role, term, leader and
 * applied index, asked of each replica through Ratis' admin API. One reachable node is enough to find
 * the groups and the other nodes.
 */
public final class ClusterStatus {

    /** One replica of one group, as it reports itself. */
    public record Replica(String group, String node, String address, String role, long term, String leader,
                          long appliedIndex, long commitIndex, String error) {}

    private ClusterStatus() {}

    /**
     * Every replica of the node at {@code host:raftPort}'s groups, as each reports itself; {@code tls} is the
     * certificate shown to Raft ports that run mutual TLS ({@link NodeTls#OFF} for plain links).
     */
    public static List<Replica> collect(String host, int raftPort, NodeTls tls) {
        Parameters parameters = RaftSettings.defaults().withTls(tls).parameters();
        RaftPeer unknown = RaftPeer.newBuilder().setId("status-entry").setAddress(host + ":" + raftPort).build();
        List<RaftGroupId> groupIds;
        RaftPeer entry;
        try (RaftClient c = adminClient(unknown, parameters)) {
            GroupListReply listed = c.getGroupManagementApi(unknown.getId()).list();
            groupIds = listed.getGroupIds();
            // its real id
            entry = RaftPeer.newBuilder().setId(listed.getServerId()).setAddress(unknown.getAddress()).build();
        } catch (IOException | RuntimeException e) {
            throw new ShardSqlException(ErrorCode.UNAVAILABLE, "no ShardSQL node answers on " + host + ":" + raftPort
                    + " (" + e.getMessage() + ")");
        }
        List<Replica> rows = new ArrayList<>();
        for (RaftGroupId gid : groupIds) {
            RaftGroup group;
            try (RaftClient c = adminClient(entry, parameters)) {
                group = c.getGroupManagementApi(entry.getId()).info(gid).getGroup();
            } catch (IOException | RuntimeException e) {
                continue; // the group went away between list and info
            }
            for (RaftPeer peer : group.getPeers()) rows.add(ask(gid, peer, parameters));
        }
        return sorted(rows);
    }

    /** {@code rows} in the order {@link #collect} returns them: by group (kind, then index), then by node. */
    public static List<Replica> sorted(List<Replica> rows) {
        List<Replica> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing((Replica r) -> groupOrder(r.group())).thenComparing(Replica::node));
        return copy;
    }

    private static Replica ask(RaftGroupId gid, RaftPeer peer, Parameters parameters) {
        String group = GroupName.of(gid).toString();
        try (RaftClient c = adminClient(peer, parameters)) {
            GroupInfoReply info = c.getGroupManagementApi(peer.getId()).info(gid);
            RoleInfoProto role = info.getRoleInfoProto();
            String leader = switch (role.getRole()) {
                case LEADER -> peer.getId().toString();
                case FOLLOWER -> role.getFollowerInfo().getLeaderInfo().getId().getId().toStringUtf8();
                default -> "-";
            };
            TermIndexProto applied = info.getLogInfoProto().getApplied();
            TermIndexProto last = info.getLogInfoProto().getLastEntry();
            long commit = info.getLogInfoProto().getCommitted().getIndex();
            return new Replica(group, peer.getId().toString(), peer.getAddress(), role.getRole().name(),
                    Math.max(last.getTerm(), applied.getTerm()), leader, applied.getIndex(), commit, null);
        } catch (IOException | RuntimeException e) {
            return new Replica(group, peer.getId().toString(), peer.getAddress(), "UNREACHABLE", -1, "-", -1, -1,
                    e.getMessage());
        }
    }

    private static RaftClient adminClient(RaftPeer peer, Parameters parameters) {
        return RaftClient.newBuilder().setRaftGroup(RaftGroup.valueOf(RaftGroupId.randomId(), peer))
                .setProperties(new RaftProperties()).setParameters(parameters)
                .setRetryPolicy(RetryPolicies.noRetry()).build();
    }

    private static String groupOrder(String group) {
        GroupName g = GroupName.parse(group);
        return g.kind().ordinal() + String.format("%08d", g.index());
    }

    /** A fixed-width table of {@code rows}. */
    public static String format(List<Replica> rows) {
        StringBuilder sb = new StringBuilder(String.format("%-10s %-6s %-22s %-11s %6s %-7s %9s %9s%n",
                "GROUP", "NODE", "ADDRESS", "ROLE", "TERM", "LEADER", "APPLIED", "COMMITTED"));
        for (Replica r : rows) {
            sb.append(String.format("%-10s %-6s %-22s %-11s %6s %-7s %9s %9s%n", r.group(), r.node(), r.address(),
                    r.role(), r.term() < 0 ? "-" : r.term(), r.leader(), r.appliedIndex() < 0 ? "-" : r.appliedIndex(),
                    r.commitIndex() < 0 ? "-" : r.commitIndex()));
        }
        return sb.toString();
    }
}
