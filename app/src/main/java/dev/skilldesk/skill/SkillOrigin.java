package dev.skilldesk.skill;

import java.time.Instant;

/**
 * Where a skill came from: its source, the path of its folder in it, the commit (or package hash) and the hash
 * of its files as last imported, the library version that import made (the base of a three-way merge), and a
 * pin (a tag or commit to compare with instead of the source's ref), if any.
 */
public record SkillOrigin(long skillId, long sourceId, String path, String baseCommit, String baseHash,
                          int baseVersion, String pin, String pinCommit, Instant updatedAt) {
    public boolean pinned() {
        return pin != null;
    }
}
