package dev.skilldesk.search;

import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.Principal;

/**
 * The access rule of {@link dev.skilldesk.skill.AccessRule} over {@link EntryMeta}, plus the optional
 * namespace and persona filters. Evaluated per candidate inside the scan.
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
        if (m.owner().equals(who.agentId())) {
            return true;
        }
        AccessLevel a = m.access();
        return a == AccessLevel.PUBLIC || a == AccessLevel.SYSTEM
                || (a == AccessLevel.TEAM && m.namespace().equals(who.namespace()))
                || (a == AccessLevel.SHARED && m.namespace().equals(who.namespace())
                && m.sharedWith().contains(who.agentId()));
    }
}
