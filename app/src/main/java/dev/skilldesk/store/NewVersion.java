package dev.skilldesk.store;

import dev.skilldesk.skill.Checked;
import dev.skilldesk.skill.TokenCounts;

import java.time.Instant;
import java.util.List;

/** What the library hands the store to append a version. */
public record NewVersion(String content, String metadataJson, String coreInstructions, String contentHash,
                         TokenCounts tokens, String description, String displayName, List<String> tags,
                         String persona, String createdBy, Instant createdAt, String note,
                         Checked checked) {
}
