package dev.skilldesk.mcp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests a server is answering, by connection and JSON-RPC id, so that {@code notifications/cancelled}
 * can reach the call it names: the call sees {@link #isCancelled} at its next check and stops, and the
 * transport drops the answer ({@link #dropAnswer}) instead of sending it. A cancellation of a request that is
 * not (or no longer) running is ignored, as MCP says it may be.
 */
final class InFlight {
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();

    /** A request id as JSON-RPC tells them apart: the string "1" and the number 1 are two ids. */
    static String key(String connection, Object id) {
        String idKey = id instanceof Number n ? "n:" + n.longValue() : "s:" + id;
        return connection + "\u0000" + idKey;
    }

    void begin(String connection, Object id) {
        if (id != null) {
            running.add(key(connection, id));
        }
    }

    /** Marks the request cancelled if it is running; returns whether it was. */
    boolean cancel(String connection, Object id) {
        String k = key(connection, id);
        if (running.contains(k)) {
            cancelled.add(k);
            return true;
        }
        return false;
    }

    boolean isCancelled(String connection, Object id) {
        return id != null && cancelled.contains(key(connection, id));
    }

    /**
     * Called as the answer to a request is about to be sent: ends the request and says whether the answer must
     * be dropped because the client cancelled it.
     */
    boolean dropAnswer(String connection, Object id) {
        if (id == null) {
            return false;
        }
        String k = key(connection, id);
        running.remove(k);
        return cancelled.remove(k);
    }
}
