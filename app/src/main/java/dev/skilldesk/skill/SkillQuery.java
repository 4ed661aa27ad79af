package dev.skilldesk.skill;

/**
 * Filters for listing skills. Null means "any". {@code namespace} narrows the list to one namespace;
 * access rules still apply on top. {@code passing}: true lists only skills that pass the library's rules (what
 * agents are given), false only those that need fixes, null both.
 */
public record SkillQuery(String namespace, String persona, String tag, boolean includeDeleted,
                         int limit, int offset, Boolean passing) {
    public SkillQuery(String namespace, String persona, String tag, boolean includeDeleted, int limit, int offset) {
        this(namespace, persona, tag, includeDeleted, limit, offset, null);
    }

    public static SkillQuery all() {
        return new SkillQuery(null, null, null, false, Integer.MAX_VALUE, 0, null);
    }

    public SkillQuery withPersona(String p) {
        return new SkillQuery(namespace, p, tag, includeDeleted, limit, offset, passing);
    }

    public SkillQuery withTag(String t) {
        return new SkillQuery(namespace, persona, t, includeDeleted, limit, offset, passing);
    }

    public SkillQuery withNamespace(String ns) {
        return new SkillQuery(ns, persona, tag, includeDeleted, limit, offset, passing);
    }

    public SkillQuery withDeleted(boolean d) {
        return new SkillQuery(namespace, persona, tag, d, limit, offset, passing);
    }

    public SkillQuery page(int newLimit, int newOffset) {
        return new SkillQuery(namespace, persona, tag, includeDeleted, newLimit, newOffset, passing);
    }

    /** Only skills that pass the library's rules: what agents are given (the MCP server, installs). */
    public SkillQuery passingOnly() {
        return new SkillQuery(namespace, persona, tag, includeDeleted, limit, offset, Boolean.TRUE);
    }

    /** Only skills that need fixes (the Library's filter). */
    public SkillQuery needingFixes() {
        return new SkillQuery(namespace, persona, tag, includeDeleted, limit, offset, Boolean.FALSE);
    }
}
