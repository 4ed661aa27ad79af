package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;

import java.util.Set;

/** The catalogue fields a vector search filters on: exactly what the access rule needs, plus persona. */
public record EntryMeta(String namespace, String persona, AccessLevel access, String owner, boolean deleted,
                        Set<String> sharedWith) {
    public EntryMeta {
        sharedWith = sharedWith == null ? Set.of() : Set.copyOf(sharedWith);
    }

    /**
     * A live skill's facts as the store gives them (access level by its key), with the agents it is shared
     * with looked up in {@code shares}: the one place the indexer's parts merge shares into filter data.
     */
    static EntryMeta of(long skillId, String namespace, String persona, String access, String owner,
                        java.util.Map<Long, Set<String>> shares) {
        return new EntryMeta(namespace, persona, AccessLevel.parse(access), owner, false,
                shares.getOrDefault(skillId, Set.of()));
    }
}
