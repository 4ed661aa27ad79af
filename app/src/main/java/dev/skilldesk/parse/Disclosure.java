package dev.skilldesk.parse;

import dev.skilldesk.skill.SkillFile;

import java.util.List;

/** Renders the three layers exactly as an agent receives them. */
public final class Disclosure {
    private Disclosure() {
    }

    /** Layer 1: the listing entry. */
    public static String layer1(String name, String description, List<String> tags, String persona) {
        StringBuilder sb = new StringBuilder();
        sb.append("name: ").append(name).append('\n');
        sb.append("description: ").append(description == null ? "" : description).append('\n');
        if (tags != null && !tags.isEmpty()) {
            sb.append("tags: ").append(String.join(", ", tags)).append('\n');
        }
        if (persona != null && !persona.isBlank()) {
            sb.append("persona: ").append(persona).append('\n');
        }
        return sb.toString();
    }

    /** Layer 3: the whole SKILL.md followed by the list of resource files an agent may read. */
    public static String layer3(String content, List<SkillFile> files) {
        if (files.isEmpty()) {
            return content;
        }
        StringBuilder sb = new StringBuilder(content);
        if (!content.endsWith("\n")) {
            sb.append('\n');
        }
        sb.append("\n---\nResources:\n");
        for (SkillFile f : files) {
            sb.append("- ").append(f.path()).append(" (").append(f.size()).append(" bytes)\n");
        }
        return sb.toString();
    }
}
