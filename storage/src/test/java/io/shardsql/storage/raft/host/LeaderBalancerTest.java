package io.shardsql.storage.raft.host;

import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.LeaderInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** When a leader hands over to its group's preferred replica, and what it reads of that replica. */
class LeaderBalancerTest {
    private static final LeaderBalancer.Policy POLICY =
            LeaderBalancer.Policy.forElectionTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2));
    private static final RaftPeerId N2 = RaftPeerId.valueOf("n2");

    @Test
    void handsOverToALiveCaughtUpReplicaOnceSettled() {
        assertThat(LeaderBalancer.shouldTransfer(POLICY, 5_000, 5_000, 1_000, view(200, 990))).isTrue();
    }

    @Test
    void keepsLeadingRightAfterItsElection() {
        assertThat(LeaderBalancer.shouldTransfer(POLICY, 1_999, 5_000, 1_000, view(200, 1_000))).isFalse();
    }

    @Test
    void waitsUntilAReturningReplicaHasAnsweredForAWhile() {
        assertThat(LeaderBalancer.shouldTransfer(POLICY, 60_000, 1_999, 1_000, view(10, 1_000))).isFalse();
        assertThat(LeaderBalancer.shouldTransfer(POLICY, 60_000, 2_000, 1_000, view(10, 1_000))).isTrue();
    }

    @Test
    void neverHandsOverToAReplicaThatStoppedAnswering() {
        assertThat(LeaderBalancer.shouldTransfer(POLICY, 60_000, 60_000, 1_000, view(1_000, 1_000))).isFalse();
        assertThat(LeaderBalancer.shouldTransfer(POLICY, 60_000, 60_000, 1_000, view(999, 1_000))).isTrue();
    }

    @Test
    void neverHandsOverToAReplicaThatIsFarBehind() {
        assertThat(LeaderBalancer.shouldTransfer(POLICY, 60_000, 60_000, 5_000, view(10, 4_899))).isFalse();
        assertThat(LeaderBalancer.shouldTransfer(POLICY, 60_000, 60_000, 5_000, view(10, 4_900))).isTrue();
    }

    @Test
    void aReplicaTheLeaderDoesNotKnowIsNotATarget() {
        assertThat(LeaderBalancer.shouldTransfer(POLICY, 60_000, 60_000, 5_000, Optional.empty())).isFalse();
    }

    @Test
    void readsTheTargetsLastAnswerAndCommitIndexByPeerId() {
        RoleInfoProto role = RoleInfoProto.newBuilder()
                .setRole(RaftPeerRole.LEADER)
                .setLeaderInfo(LeaderInfoProto.newBuilder()
                        .addFollowerInfo(rpc("n3", 40))
                        .addFollowerInfo(rpc("n2", 120)))
                .build();
        List<CommitInfoProto> commits = List.of(commit("n1", 77), commit("n2", 70), commit("n3", 75));

        assertThat(LeaderBalancer.followerView(role, commits, N2))
                .contains(new LeaderBalancer.FollowerView(N2, 120, 70));
        assertThat(LeaderBalancer.followerView(role, commits, RaftPeerId.valueOf("n9"))).isEmpty();
    }

    @Test
    void aFollowerReportsNothing() {
        RoleInfoProto follower = RoleInfoProto.newBuilder().setRole(RaftPeerRole.FOLLOWER).build();
        assertThat(LeaderBalancer.followerView(follower, List.of(commit("n2", 1)), N2)).isEmpty();
    }

    private static Optional<LeaderBalancer.FollowerView> view(long answeredMillisAgo, long commitIndex) {
        return Optional.of(new LeaderBalancer.FollowerView(N2, answeredMillisAgo, commitIndex));
    }

    private static ServerRpcProto rpc(String id, long elapsedMillis) {
        return ServerRpcProto.newBuilder().setId(peer(id)).setLastRpcElapsedTimeMs(elapsedMillis).build();
    }

    private static CommitInfoProto commit(String id, long index) {
        return CommitInfoProto.newBuilder().setServer(peer(id)).setCommitIndex(index).build();
    }

    private static RaftPeerProto peer(String id) {
        return RaftPeerProto.newBuilder().setId(RaftPeerId.valueOf(id).toByteString()).build();
    }
}
