package dev.skilldesk.search;

import dev.skilldesk.skill.AccessRule;
import dev.skilldesk.skill.Principal;

/**
 * The access rule ({@link AccessRule}) over {@link EntryMeta}, plus the optional namespace and persona filters.
 * Evaluated per candidate inside the scan.
 */
public record VectorFilter(Principal who, String namespace, String persona) {
    public boolean test(EntryMeta m) {
        if (m.deleted()) {
            return false;
        }
        if (namespace != null && !namespace.equals(m.namespace())) {
            return false;
        }
        if (persona != null && !persona.equals(m.persona())) {
            return false;
        }
        return AccessRule.visible(who, new AccessRule.Facts(m.owner(), m.access(), m.namespace(), false,
                a -> m.sharedWith().contains(a)));
    }
}
