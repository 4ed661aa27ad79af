package dev.skilldesk.library;

import dev.skilldesk.skill.SkillFile;

import java.util.List;

/**
 * A SKILL.md with its resource files, as read from a folder, a package or the editor.
 *
 * @param source     where it came from, for messages (a path, or "editor")
 * @param folderName the folder the SKILL.md sits in (the spec wants it equal to the name), or null
 */
public record SkillDraft(String source, String folderName, String content, List<SkillFile> files) {
    public SkillDraft {
        files = List.copyOf(files);
    }
}
