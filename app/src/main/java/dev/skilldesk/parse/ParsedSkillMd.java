package dev.skilldesk.parse;

import dev.skilldesk.skill.ValidationIssue;

import java.util.List;
import java.util.Map;

/**
 * A SKILL.md taken apart: its metadata as plain maps/lists/strings, its body and core instructions,
 * and the problems met while reading it. Line numbers are 1-based lines of the original file.
 *
 * @param metadata      the frontmatter (or JSON block) as an insertion-ordered map; empty when absent
 * @param keyLines      the line of each top-level metadata key
 * @param metadataStart first line of the metadata text (the line after the opening fence)
 * @param metadataChars length of the metadata text in characters
 * @param body          everything after the metadata block
 * @param bodyStartLine the line the body starts on
 * @param problems      what could not be read (syntax, limits); the validator adds its rules to these
 */
public record ParsedSkillMd(
        SkillMdFormat format,
        Map<String, Object> metadata,
        Map<String, Integer> keyLines,
        int metadataStart,
        int metadataChars,
        String body,
        int bodyStartLine,
        String coreInstructions,
        List<ValidationIssue> problems) {

    /** A top-level key as text, or null when absent or not a scalar. */
    public String string(String key) {
        Object v = metadata.get(key);
        if (v == null || v instanceof Map || v instanceof List) {
            return null;
        }
        return v.toString();
    }

    public int lineOf(String key) {
        return keyLines.getOrDefault(key, metadataStart > 0 ? metadataStart : 1);
    }
}
