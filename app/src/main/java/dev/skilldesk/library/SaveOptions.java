package dev.skilldesk.library;

import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;

/** Where a saved skill lands and which rules it must pass. Persona null: from the file, else "general". */
public record SaveOptions(String namespace, AccessLevel access, String persona, ValidationProfile profile) {
    public static SaveOptions defaults(String namespace) {
        return new SaveOptions(namespace, AccessLevel.PRIVATE, null, ValidationProfile.LENIENT);
    }
}
