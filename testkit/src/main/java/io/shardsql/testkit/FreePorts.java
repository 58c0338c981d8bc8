package io.shardsql.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loopback ports for test nodes, below the kernel's ephemeral range. A port the kernel hands out for
 * {@code bind(0)} comes from the same range as the source ports of outgoing connections, so between the
 * pick and the node's own bind a client socket (of this JVM's clusters or of another process) could
 * take it: an "address already in use" at a restart. Below that range only listeners compete; each JVM
 * walks the range from a random start, never hands a port out twice, and skips any port it cannot bind.
 */
public final class FreePorts {
    /** The lowest and one past the highest port handed out: under Linux's default ephemeral range (32768–60999). */
    private static final int LOW = 12_000;
    private static final int HIGH = 32_000;
    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(HIGH - LOW));

    private FreePorts() {}

    /** {@code n} distinct ports that nothing listened on when they were picked. */
    public static int[] pick(int n) {
        int[] ports = new int[n];
        for (int i = 0; i < n; i++) ports[i] = next();
        return ports;
    }

    /**
     * The base of a block of {@code span} consecutive ports that nothing listened on when it was picked
     * (an {@code EmbeddedCluster} of n nodes takes base .. base + {@code READ_PORT_OFFSET} + n - 1).
     */
    public static int block(int span) {
        for (int tries = 0; tries < (HIGH - LOW) / span; tries++) {
            int base = LOW + Math.floorMod(NEXT.getAndAdd(span), HIGH - LOW - span);
            boolean free = true;
            for (int p = base; p < base + span && free; p++) free = bindable(p);
            if (free) return base;
        }
        throw new IllegalStateException("no block of " + span + " free loopback ports in " + LOW + ".." + (HIGH - 1));
    }

    private static int next() {
        for (int tries = 0; tries < HIGH - LOW; tries++) {
            int port = LOW + Math.floorMod(NEXT.getAndIncrement(), HIGH - LOW);
            if (bindable(port)) return port;
        }
        throw new IllegalStateException("no free loopback port in " + LOW + ".." + (HIGH - 1));
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
