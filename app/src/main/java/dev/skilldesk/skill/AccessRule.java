package dev.skilldesk.skill;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who sees a skill: the one rule, stated once as clauses that every place renders the same way (the store's SQL, the
 * keyword index's Lucene filter, the vector scan, the use cases). A deleted skill is seen by nobody through the rule
 * (its owner finds it with {@link #visibleOrOwned}); otherwise a skill is seen when any clause holds:
 * <ul>
 * <li>its owner sees it;</li>
 * <li>public and system skills: everyone;</li>
 * <li>team skills: agents working in the same namespace;</li>
 * <li>shared skills: agents in the same namespace it was shared with (its whitelist).</li>
 * </ul>
 * Private skills: the owner only. {@code AccessRulesTest} checks every level from both sides through every renderer.
 */
public final class AccessRule {
    private AccessRule() {
    }

    /** One way a skill is seen. */
    public sealed interface Clause permits Owner, Everyone, SameNamespace {
    }

    /** The agent that created it. */
    public record Owner() implements Clause {
    }

    /** Everyone, for these levels. */
    public record Everyone(Set<AccessLevel> levels) implements Clause {
    }

    /** Agents in the skill's namespace, for this level; with {@code shareNeeded}, only those it was shared with. */
    public record SameNamespace(AccessLevel level, boolean shareNeeded) implements Clause {
    }

    /** The rule. */
    public static final List<Clause> CLAUSES = List.of(new Owner(), new Everyone(Set.of(AccessLevel.PUBLIC, AccessLevel.SYSTEM)),
            new SameNamespace(AccessLevel.TEAM, false), new SameNamespace(AccessLevel.SHARED, true));

    /**
     * The access facts of a skill, however a store or an index holds them; {@code sharedWith} is asked only for a level
     * whose clause needs a share, so it may be a lookup.
     */
    public record Facts(String owner, AccessLevel level, String namespace, boolean deleted, Predicate<String> sharedWith) {
        public static Facts of(Skill skill, Predicate<String> sharedWith) {
            return new Facts(skill.createdBy(), skill.accessLevel(), skill.namespace(), skill.deleted(), sharedWith);
        }
    }

    /** Whether {@code who} sees a skill with these facts. */
    public static boolean visible(Principal who, Facts s) {
        if (s.deleted()) {
            return false;
        }
        for (Clause c : CLAUSES) {
            boolean holds;
            if (c instanceof Owner) {
                holds = s.owner().equals(who.agentId());
            } else if (c instanceof Everyone e) {
                holds = e.levels().contains(s.level());
            } else {
                SameNamespace n = (SameNamespace) c;
                holds = s.level() == n.level() && s.namespace().equals(who.namespace())
                        && (!n.shareNeeded() || s.sharedWith().test(who.agentId()));
            }
            if (holds) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code who} sees {@code skill} ({@code sharedWithAgent}: it is on the skill's whitelist). */
    public static boolean isAccessible(Skill skill, String agentId, String agentNamespace, boolean sharedWithAgent) {
        return visible(new Principal(agentId, agentNamespace), new Facts(skill.createdBy(), skill.accessLevel(),
                skill.namespace(), skill.deleted(), a -> sharedWithAgent));
    }

    /** Seen by the rule, or owned by {@code who} (deleted ones included: an owner restores and lists them). */
    public static boolean visibleOrOwned(Principal who, Facts skill) {
        return skill.owner().equals(who.agentId()) || visible(who, skill);
    }

    /** Renders the rule for one principal into a store's or an index's own filter language. */
    public interface Renderer<T> {
        T owner(String agentId);

        T levels(Set<AccessLevel> levels);

        T levelInNamespace(AccessLevel level, String namespace);

        T sharedInNamespace(AccessLevel level, String namespace, String agentId);

        /** Any of the clauses (deleted skills are the renderer's own filter). */
        T anyOf(List<T> clauses);
    }

    /** The rule for {@code who}, rendered. */
    public static <T> T render(Principal who, Renderer<T> r) {
        return r.anyOf(CLAUSES.stream().map(c -> {
            if (c instanceof Owner) {
                return r.owner(who.agentId());
            }
            if (c instanceof Everyone e) {
                return r.levels(e.levels());
            }
            SameNamespace n = (SameNamespace) c;
            return n.shareNeeded() ? r.sharedInNamespace(n.level(), who.namespace(), who.agentId())
                    : r.levelInNamespace(n.level(), who.namespace());
        }).toList());
    }
}
