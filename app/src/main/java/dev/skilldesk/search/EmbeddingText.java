package dev.skilldesk.search;

import java.util.List;
import java.util.Locale;

/**
 * What text of a skill is embedded. Chosen by the search-quality benchmark ({@code skilldesk quality});
 * the numbers are in the README.
 */
public enum EmbeddingText {
    NAME_DESCRIPTION,
    NAME_DESCRIPTION_TAGS,
    /** Name, description, tags and the first ~400 characters of the core instructions. */
    NAME_DESCRIPTION_TAGS_BODY;

    public static final EmbeddingText DEFAULT = NAME_DESCRIPTION_TAGS_BODY;
    private static final int BODY_CHARS = 400;

    public String of(String name, String description, List<String> tags, String coreInstructions) {
        StringBuilder sb = new StringBuilder(name.replace('-', ' ')).append(": ").append(description);
        if (this != NAME_DESCRIPTION && tags != null && !tags.isEmpty()) {
            sb.append(" Tags: ").append(String.join(", ", tags)).append('.');
        }
        if (this == NAME_DESCRIPTION_TAGS_BODY && coreInstructions != null) {
            String body = coreInstructions.replaceAll("[#*`>|_\\-]+", " ").replaceAll("\\s+", " ").strip();
            sb.append(' ').append(body, 0, Math.min(body.length(), BODY_CHARS));
        }
        return sb.toString();
    }

    public static EmbeddingText parse(String s) {
        return valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace('+', '_'));
    }
}
