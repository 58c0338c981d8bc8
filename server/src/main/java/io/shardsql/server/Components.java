package io.shardsql.server;

import org.slf4j.Logger;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * The running parts of one owner (a {@link Node}), started in order and stopped in reverse: each part
 * that has started is remembered with how to stop it; if a later one fails to start, the ones before it
 * stop, newest first, and the failure goes on to the caller; {@link #close} stops them all the same way.
 * A part that fails to stop is logged and the others still stop. Not thread-safe: the owner serialises.
 */
final class Components implements AutoCloseable {

    /** How to stop one started part. */
    @FunctionalInterface
    interface Stop {
        /** Stops the part (and forgets it in its owner). */
        void stop() throws Exception;
    }

    /** A started part: its name (for the log) and how to stop it. */
    private record Started(String name, Stop stop) {}

    private final Logger log;
    private final String owner;
    private final Deque<Started> started = new ArrayDeque<>();

    /** Parts of {@code owner} (as logs name it, e.g. {@code node n1}), whose stop failures go to {@code log}. */
    Components(Logger log, String owner) {
        this.log = log;
        this.owner = owner;
    }

    /**
     * Runs {@code start} and, if it returns, remembers {@code stop} under {@code name}; if it throws, stops
     * every part started so far (newest first) and rethrows.
     */
    <T> T start(String name, Supplier<T> start, Stop stop) {
        T part;
        try {
            part = start.get();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        added(name, stop);
        return part;
    }

    /**
     * Runs one start-up step that starts no part of its own (say, starts one already {@link #added}); if it
     * throws, stops every part started so far (newest first) and rethrows.
     */
    void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Remembers a part already started (or made) elsewhere, to stop before the ones added earlier. */
    void added(String name, Stop stop) {
        started.push(new Started(name, stop));
    }

    /** Stops every started part, newest first; a part that fails to stop is logged. */
    @Override
    public void close() {
        for (Started part = started.poll(); part != null; part = started.poll()) {
            try {
                part.stop().stop();
            } catch (Exception e) {
                log.warn("{}: error while stopping {}", owner, part.name(), e);
            }
        }
    }
}
