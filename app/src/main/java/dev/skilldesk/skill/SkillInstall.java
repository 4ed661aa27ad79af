package dev.skilldesk.skill;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A copy of a skill version written into an agent folder: where it went ({@code folder}, the skill's own
 * folder, absolute) and the content hash of what was written, to tell later whether it was edited.
 */
public record SkillInstall(long id, long skillId, int version, Path folder, String contentHash, String installedBy,
                           Instant installedAt) {
}
