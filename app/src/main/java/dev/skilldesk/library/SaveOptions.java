package dev.skilldesk.library;

import dev.skilldesk.skill.AccessLevel;

/**
 * Where a saved skill lands. Persona null: from the file, else "general". Every save is checked under the library's
 * one set of rules ({@link dev.skilldesk.parse.SkillValidator#LIBRARY}).
 */
public record SaveOptions(String namespace, AccessLevel access, String persona, String note) {
    public SaveOptions(String namespace, AccessLevel access, String persona) {
        this(namespace, access, persona, null);
    }

    /** The same options with a note for the version (blank: none). */
    public SaveOptions withNote(String text) {
        return new SaveOptions(namespace, access, persona, text == null || text.isBlank() ? null : text.strip());
    }

    public static SaveOptions defaults(String namespace) {
        return new SaveOptions(namespace, AccessLevel.PRIVATE, null);
    }
}
