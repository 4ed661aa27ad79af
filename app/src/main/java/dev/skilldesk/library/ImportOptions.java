package dev.skilldesk.library;

import dev.skilldesk.parse.ValidationProfile;
import dev.skilldesk.skill.AccessLevel;

/** How an import lands: namespace, access level, persona (null: from each file) and validation profile. */
public record ImportOptions(String namespace, AccessLevel access, String persona, ValidationProfile profile) {
    public static ImportOptions defaults() {
        return new ImportOptions("default", AccessLevel.PRIVATE, null, ValidationProfile.LENIENT);
    }

    SaveOptions saveOptions() {
        return new SaveOptions(namespace, access, persona, profile);
    }
}
