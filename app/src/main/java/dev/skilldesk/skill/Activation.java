package dev.skilldesk.skill;

import java.time.Instant;

/**
 * One time an agent loaded a skill. {@code activationKey} is null, or an opaque key that names this
 * activation outside the library (an MCP activation id, a Claude Code tool_use id); at most one
 * activation has a given key. {@code success} is true or false as reported, and null when nobody reported how
 * it went (an MCP {@code get_skill} without a later {@code record_outcome}, a transcript without a tool result):
 * unknown, never counted as a success.
 */
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
        Boolean success,
        String errorMessage,
        String activationKey) {

    /** An activation nobody refers to later. */
    public Activation(long skillId, int version, String agentId, String namespace, String activationType,
                      int layerLoaded, int tokensLoaded, Instant activatedAt, long durationMs, Boolean success,
                      String errorMessage) {
        this(skillId, version, agentId, namespace, activationType, layerLoaded, tokensLoaded, activatedAt,
                durationMs, success, errorMessage, null);
    }
}
