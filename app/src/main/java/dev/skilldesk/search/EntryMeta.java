package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;

import java.util.Set;

/** The catalogue fields a vector search filters on: exactly what the access rule needs, plus persona. */
public record EntryMeta(String namespace, String persona, AccessLevel access, String owner, boolean deleted,
                        Set<String> sharedWith) {
    public EntryMeta {
        sharedWith = sharedWith == null ? Set.of() : Set.copyOf(sharedWith);
    }
}
