package dev.skilldesk.skill;

import java.time.Instant;

/** One time an agent loaded a skill. */
public record Activation(
        long skillId,
        int version,
        String agentId,
        String namespace,
        String activationType,
        int layerLoaded,
        int tokensLoaded,
        Instant activatedAt,
        long durationMs,
        boolean success,
        String errorMessage) {
}
