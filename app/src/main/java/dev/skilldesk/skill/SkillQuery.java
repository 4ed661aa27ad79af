package dev.skilldesk.skill;

/**
 * Filters for listing skills. Null means "any". {@code namespace} narrows the list to one namespace;
 * access rules still apply on top.
 */
public record SkillQuery(String namespace, String persona, String tag, boolean includeDeleted,
                         int limit, int offset) {
    public static SkillQuery all() {
        return new SkillQuery(null, null, null, false, Integer.MAX_VALUE, 0);
    }

    public SkillQuery withPersona(String p) {
        return new SkillQuery(namespace, p, tag, includeDeleted, limit, offset);
    }

    public SkillQuery withTag(String t) {
        return new SkillQuery(namespace, persona, t, includeDeleted, limit, offset);
    }

    public SkillQuery withNamespace(String ns) {
        return new SkillQuery(ns, persona, tag, includeDeleted, limit, offset);
    }

    public SkillQuery withDeleted(boolean d) {
        return new SkillQuery(namespace, persona, tag, d, limit, offset);
    }

    public SkillQuery page(int newLimit, int newOffset) {
        return new SkillQuery(namespace, persona, tag, includeDeleted, newLimit, newOffset);
    }
}
