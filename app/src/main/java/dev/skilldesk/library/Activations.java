package dev.skilldesk.library;

import dev.skilldesk.skill.Activation;
import dev.skilldesk.skill.StoredActivation;
import dev.skilldesk.store.ActivationStore;
import dev.skilldesk.store.ActivationWriter;

import java.time.Instant;
import java.util.Optional;

/**
 * Recording activations, for every front end: everyday logging through the batching writer (calls return
 * at once), and the activations referred to by key (an MCP activation id) that are looked up and given an
 * outcome later.
 */
public final class Activations {
    private final ActivationWriter writer;
    private final ActivationStore store;

    public Activations(ActivationWriter writer, ActivationStore store) {
        this.writer = writer;
        this.store = store;
    }

    /** Queues an activation; it reaches the library within the writer's delay, and on close at the latest. */
    public void log(Activation a) {
        writer.log(a);
    }

    /** Blocks until every activation logged before this call is stored. */
    public void flush() {
        writer.flush();
    }

    /**
     * Records how the activation {@code key} went, when it belongs to {@code agentId}; false when there is no
     * such activation of that agent. Waits for the queued ones first, so that one just logged is found.
     */
    public boolean recordOutcome(String key, String agentId, boolean success, String error, Instant at) {
        writer.flush();
        return store.recordOutcome(key, agentId, success, error, at);
    }

    /** The newest {@code limit} activations of a skill, newest first. */
    public java.util.List<StoredActivation> recent(long skillId, int limit) {
        writer.flush();
        return store.recent(skillId, limit);
    }

    /** The activation with {@code key}, if one is stored. */
    public Optional<StoredActivation> find(String key) {
        return store.find(key);
    }
}
