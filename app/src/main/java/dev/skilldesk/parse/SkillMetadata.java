package dev.skilldesk.parse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The catalogue fields derived from a parsed SKILL.md. Tags and persona live where the spec allows
 * extension ({@code metadata.tags}, {@code metadata.persona}) or at the top level (Claude Code habit).
 */
public record SkillMetadata(String name, String displayName, String description, List<String> tags,
                            String persona) {

    public static SkillMetadata of(ParsedSkillMd parsed) {
        Map<String, Object> md = parsed.metadata();
        Map<?, ?> ext = md.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        String name = parsed.string("name");
        String description = parsed.string("description");
        Object display = ext.get("display_name") != null ? ext.get("display_name") : ext.get("display-name");
        List<String> tags = tags(md.get("tags") != null ? md.get("tags") : ext.get("tags"));
        Object persona = md.get("persona") != null ? md.get("persona") : ext.get("persona");
        return new SkillMetadata(name == null ? null : name.strip(),
                display == null ? null : display.toString(),
                description == null ? null : description.strip(),
                tags, persona == null ? null : persona.toString().strip());
    }

    /** The same fields under another name (the name a skill is stored under, {@link SkillValidator#storedName}). */
    public SkillMetadata withName(String storedName) {
        return new SkillMetadata(storedName, displayName, description, tags, persona);
    }

    static List<String> tags(Object raw) {
        List<String> out = new ArrayList<>();
        if (raw instanceof List<?> l) {
            l.forEach(t -> out.add(String.valueOf(t)));
        } else if (raw != null) {
            for (String t : raw.toString().split(",")) {
                out.add(t);
            }
        }
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        for (String t : out) {
            String s = t.strip();
            if (!s.isEmpty()) {
                clean.add(s);
            }
        }
        return List.copyOf(clean);
    }
}
