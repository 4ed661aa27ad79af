package dev.skilldesk.skill;

import java.time.Instant;

/** One immutable version of a skill: its SKILL.md text and what was derived from it. */
public record SkillVersion(
        long id,
        long skillId,
        int version,
        String content,
        String metadataJson,
        String coreInstructions,
        String contentHash,
        TokenCounts tokens,
        String createdBy,
        Instant createdAt,
        /* why it was saved, in the author's words (null: no note) */
        String note,
        /* what the library's check found in it */
        Checked checked) {
}
