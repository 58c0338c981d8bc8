package io.shardsql.storage.raft.peer;

import io.shardsql.storage.raft.client.PeerReads;

import io.shardsql.storage.raft.command.ShardCodec;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The client side of node-to-node reads against peers that misbehave: it never fails a read, it declines it. */
@Timeout(60)
class PeerReadClientTest {
    private static final RaftPeerId PEER = RaftPeerId.valueOf("n2");
    private static final RaftGroupId GROUP = RaftGroupId.randomId();
    private static final byte[] QUERY = ShardCodec.encode(new ShardQuery.Get(new byte[] {1}, 5));

    @Test
    void aPeerThatNeverAnswersCostsOneTimeoutThenItsConnection() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             PeerReadClient client = new PeerReadClient(Map.of(PEER, new InetSocketAddress("127.0.0.1", silent.getLocalPort())),
                     Duration.ofMillis(300))) {
            assertThat(client.reaches(PEER)).isTrue();
            assertThat(client.reaches(RaftPeerId.valueOf("n9"))).isFalse();
            assertThat(client.read(PEER, GROUP, false, QUERY).join().served()).as("the first read opens the connection").isFalse();
            try (Socket accepted = silent.accept()) {
                // The connection is open once a read is sent on it, and that read times out.
                PeerReads.Answer answer = await().atMost(Duration.ofSeconds(10)).until(() -> {
                    CompletableFuture<PeerReads.Answer> read = client.read(PEER, GROUP, false, QUERY);
                    return read.isDone() ? null : read.join();
                }, a -> a != null);
                assertThat(answer.served()).isFalse();
                InputStream in = accepted.getInputStream();
                in.skip(in.available());
                accepted.setSoTimeout(10_000);
                int next;
                do next = in.read(); while (next >= 0); // the client closed it after the timeout
                long start = System.nanoTime();
                assertThat(client.read(PEER, GROUP, false, QUERY).join().served()).isFalse();
                assertThat(System.nanoTime() - start).as("declined at once, not after another timeout").isLessThan(200_000_000L);
            }
        }
    }

    @Test
    void aWaitingReadFromAPeerThatNeverAnswersTimesOutThenClosesItsSocket() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             PeerReadClient client = new PeerReadClient(Map.of(PEER, new InetSocketAddress("127.0.0.1", silent.getLocalPort())),
                     Duration.ofMillis(300))) {
            CompletableFuture<PeerReads.Answer> read = CompletableFuture.supplyAsync(() -> client.readWaiting(PEER, GROUP, false, QUERY));
            try (Socket accepted = silent.accept()) {
                DataInputStream in = new DataInputStream(accepted.getInputStream());
                int length = in.readInt();
                assertThat(length).as("one framed request").isEqualTo(PeerReadFrame.HEADER_BYTES + QUERY.length);
                in.readFully(new byte[length]);
                assertThat(read.get(10, TimeUnit.SECONDS).served()).isFalse();
                accepted.setSoTimeout(10_000);
                assertThat(in.read()).as("the client closed the socket after the timeout").isEqualTo(-1);
            }
        }
    }

    @Test
    void aWaitingReadGetsTheAnswerThePeerSends() throws Exception {
        // Unresolved, as a node's configuration names its peers: the blocking socket must resolve it.
        try (ServerSocket peer = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             PeerReadClient client = new PeerReadClient(Map.of(PEER, InetSocketAddress.createUnresolved("127.0.0.1", peer.getLocalPort())),
                     Duration.ofSeconds(5))) {
            peer.setSoTimeout(10_000); // a client that never connects fails the test rather than hanging it
            byte[] reply = ShardCodec.encode(ShardReply.DONE);
            CompletableFuture<PeerReads.Answer> first = CompletableFuture.supplyAsync(() -> client.readWaiting(PEER, GROUP, false, QUERY));
            try (Socket accepted = peer.accept()) {
                DataInputStream in = new DataInputStream(accepted.getInputStream());
                DataOutputStream out = new DataOutputStream(accepted.getOutputStream());
                for (int call = 0; call < 3; call++) {
                    CompletableFuture<PeerReads.Answer> read = call == 0 ? first
                            : CompletableFuture.supplyAsync(() -> client.readWaiting(PEER, GROUP, false, QUERY));
                    byte[] request = new byte[in.readInt()];
                    in.readFully(request);
                    ByteBuf answer = Unpooled.buffer();
                    PeerReadFrame.writeAnswer(answer, PeerReadFrame.readRequest(Unpooled.wrappedBuffer(request)).callId(), reply);
                    out.writeInt(answer.readableBytes());
                    out.write(ByteBufUtil.getBytes(answer));
                    out.flush();
                    assertThat(read.get(10, TimeUnit.SECONDS).reply()).as("call %d, on the one pooled socket", call).isEqualTo(reply);
                }
            }
        }
    }

    @Test
    void aPeerThatIsNotListeningIsDeclinedAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (PeerReadClient client = new PeerReadClient(Map.of(PEER, new InetSocketAddress("127.0.0.1", port)), Duration.ofSeconds(5))) {
            for (int i = 0; i < 5; i++) assertThat(client.read(PEER, GROUP, true, QUERY).join().served()).isFalse();
            for (int i = 0; i < 5; i++) assertThat(client.readWaiting(PEER, GROUP, true, QUERY).served()).isFalse();
        }
    }
}
