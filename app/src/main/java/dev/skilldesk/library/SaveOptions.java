package dev.skilldesk.library;

import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;

/** Where a saved skill lands and which rules it must pass. Persona null: from the file, else "general". */
public record SaveOptions(String namespace, AccessLevel access, String persona, ValidationProfile profile, String note) {
    public SaveOptions(String namespace, AccessLevel access, String persona, ValidationProfile profile) {
        this(namespace, access, persona, profile, null);
    }

    /** The same options with a note for the version (blank: none). */
    public SaveOptions withNote(String text) {
        return new SaveOptions(namespace, access, persona, profile, text == null || text.isBlank() ? null : text.strip());
    }
    public static SaveOptions defaults(String namespace) {
        return new SaveOptions(namespace, AccessLevel.PRIVATE, null, ValidationProfile.LENIENT);
    }
}
