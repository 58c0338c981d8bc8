package io.shardsql.server.endpoint;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's live sessions by id, for {@code Cancel} frames that arrive on other connections
 * (docs/protocol.md §6). A cancel takes effect only with the session's secret and only on the named
 * request while it is still running, so a late cancel never hits the next statement.
 */
final class CancelRegistry {
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<Long, ClientSession> sessions = new ConcurrentHashMap<>();

    /** A fresh session id, not in use. */
    long newSessionId() {
        while (true) {
            long id = random.nextLong() & Long.MAX_VALUE;
            if (id != 0 && !sessions.containsKey(id)) return id;
        }
    }

    long newSecret() {
        return random.nextLong();
    }

    void register(ClientSession session) {
        sessions.put(session.id(), session);
    }

    void unregister(ClientSession session) {
        sessions.remove(session.id(), session);
    }

    /**
     * Cancels {@code requestId} of session {@code sessionId} if the secret matches and it is running; says whether it
     * did.
     */
    boolean cancel(long sessionId, long secret, int requestId) {
        ClientSession s = sessions.get(sessionId);
        return s != null && s.cancelIfRunning(secret, requestId);
    }

    int size() {
        return sessions.size();
    }
}
