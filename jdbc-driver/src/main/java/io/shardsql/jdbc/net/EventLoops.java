package io.shardsql.jdbc.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The driver's one Netty event loop group, shared by every connection of the JVM and created on first
 * use. NIO only (no native transports); daemon threads, so an application that forgets to close its
 * connections can still exit. Never shut down: the threads idle when there is nothing to do.
 */
final class EventLoops {
    private static volatile EventLoopGroup group;

    private EventLoops() {}

    static EventLoopGroup group() {
        EventLoopGroup g = group;
        if (g == null) {
            synchronized (EventLoops.class) {
                g = group;
                if (g == null) {
                    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
                    g = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("shardsql-jdbc", true),
                            NioIoHandler.newFactory());
                    group = g;
                }
            }
        }
        return g;
    }
}
