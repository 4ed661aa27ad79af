package dev.skilldesk.skill;

/**
 * The single statement of who sees what. The SQL filter in the store mirrors it; a test checks
 * both against every access level from both sides.
 */
public final class AccessRule {
    private AccessRule() {
    }

    /**
     * Deleted never; owner always; public and system everyone; team the same namespace; shared the
     * whitelist in the same namespace; private the owner only.
     */
    public static boolean isAccessible(Skill skill, String agentId, String agentNamespace,
                                       boolean sharedWithAgent) {
        if (skill.deleted()) {
            return false;
        }
        if (skill.createdBy().equals(agentId)) {
            return true;
        }
        return switch (skill.accessLevel()) {
            case PUBLIC, SYSTEM -> true;
            case TEAM -> skill.namespace().equals(agentNamespace);
            case SHARED -> sharedWithAgent && skill.namespace().equals(agentNamespace);
            case PRIVATE -> false;
        };
    }
}
