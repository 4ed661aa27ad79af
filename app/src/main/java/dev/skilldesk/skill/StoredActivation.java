package dev.skilldesk.skill;

import java.time.Instant;

/**
 * A stored activation with its row id, when its outcome was reported (null: never), and what the agent's own
 * telemetry said of it (null when it came from elsewhere).
 */
public record StoredActivation(long id, Activation activation, Instant outcomeAt, AgentReport report) {
    public StoredActivation(long id, Activation activation, Instant outcomeAt) {
        this(id, activation, outcomeAt, null);
    }
}
