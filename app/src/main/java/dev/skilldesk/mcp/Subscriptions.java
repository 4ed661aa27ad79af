package dev.skilldesk.mcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which resources each connection subscribed to ({@code resources/subscribe}), with the digest each had then,
 * so that {@link ListChangeNotifier} sends {@code notifications/resources/updated} when one changes.
 */
final class Subscriptions {
    private final Map<String, Map<String, String>> byConnection = new ConcurrentHashMap<>();

    void subscribe(String connection, String uri, String digest) {
        byConnection.computeIfAbsent(connection, c -> new ConcurrentHashMap<>()).put(uri, digest == null ? "" : digest);
    }

    void unsubscribe(String connection, String uri) {
        Map<String, String> m = byConnection.get(connection);
        if (m != null) {
            m.remove(uri);
        }
    }

    /** The connection's subscriptions (uri → digest when last seen), live. */
    Map<String, String> of(String connection) {
        return byConnection.computeIfAbsent(connection, c -> new ConcurrentHashMap<>());
    }

    void forget(String connection) {
        byConnection.remove(connection);
    }
}
