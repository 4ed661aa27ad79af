package dev.skilldesk.skill;

import java.time.Instant;
import java.util.List;

/** A skill's identity and catalogue entry (the row in {@code skills}). */
public record Skill(
        long id,
        String namespace,
        String name,
        String displayName,
        String description,
        String persona,
        List<String> tags,
        AccessLevel accessLevel,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        int activeVersion,
        int versionCount,
        boolean deleted,
        /* the active version's errors under the library's rules; -1 until checked */
        int errors) {

    public Skill {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The active version breaks the library's rules: stored and editable, but kept from agents until fixed. */
    public boolean needsFixes() {
        return errors != 0;
    }

    /** {@code namespace/name}. */
    public SkillRef ref() {
        return new SkillRef(namespace, name);
    }

    /** The access rule of the design: may {@code agentId} working in {@code agentNamespace} see this skill? */
    public boolean isAccessibleBy(String agentId, String agentNamespace, boolean sharedWithAgent) {
        return AccessRule.isAccessible(this, agentId, agentNamespace, sharedWithAgent);
    }
}
