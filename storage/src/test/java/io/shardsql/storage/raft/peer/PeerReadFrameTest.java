package io.shardsql.storage.raft.peer;

import io.shardsql.storage.raft.client.PeerReads;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerReadFrameTest {
    private final RaftGroupId group = RaftGroupId.randomId();

    @Test
    void aRequestReadsBackAsWritten() {
        ByteBuf buf = Unpooled.buffer();
        PeerReadFrame.writeRequest(buf, 42, true, group, new byte[] {7, 8, 9});
        assertThat(buf.readableBytes()).isEqualTo(PeerReadFrame.HEADER_BYTES + 3);
        PeerReadFrame.Request r = PeerReadFrame.readRequest(buf);
        assertThat(r.callId()).isEqualTo(42);
        assertThat(r.leaderOnly()).isTrue();
        assertThat(r.group()).isEqualTo(group);
        assertThat(r.query()).containsExactly(7, 8, 9);
    }

    @Test
    void repliesCarryTheAnswerOrTheLeaderTheNodeKnows() {
        ByteBuf answered = Unpooled.buffer();
        PeerReadFrame.writeAnswer(answered, 1, new byte[] {5});
        assertThat(answered.readLong()).isEqualTo(1);
        PeerReads.Answer a = PeerReadFrame.readAnswer(answered);
        assertThat(a.served()).isTrue();
        assertThat(a.reply()).containsExactly(5);

        ByteBuf redirected = Unpooled.buffer();
        PeerReadFrame.writeNotServed(redirected, 2, RaftPeerId.valueOf("n3"));
        redirected.readLong();
        PeerReads.Answer b = PeerReadFrame.readAnswer(redirected);
        assertThat(b.served()).isFalse();
        assertThat(b.knownLeader()).isEqualTo(RaftPeerId.valueOf("n3"));

        ByteBuf unknown = Unpooled.buffer();
        PeerReadFrame.writeNotServed(unknown, 3, null);
        unknown.readLong();
        assertThat(PeerReadFrame.readAnswer(unknown).knownLeader()).isNull();
    }

    @Test
    void malformedRequestsAreRefused() {
        assertThatThrownBy(() -> PeerReadFrame.readRequest(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})))
                .isInstanceOf(IllegalArgumentException.class);
        ByteBuf badKind = Unpooled.buffer();
        PeerReadFrame.writeRequest(badKind, 1, false, group, new byte[0]);
        badKind.setByte(8, 9);
        assertThatThrownBy(() -> PeerReadFrame.readRequest(badKind)).hasMessageContaining("unknown read kind 9");
        ByteBuf badStatus = Unpooled.wrappedBuffer(new byte[] {4});
        assertThatThrownBy(() -> PeerReadFrame.readAnswer(badStatus)).hasMessageContaining("unknown read status 4");
    }
}
