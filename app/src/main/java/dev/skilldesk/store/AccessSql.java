package dev.skilldesk.store;

import dev.skilldesk.skill.AccessLevel;
import dev.skilldesk.skill.AccessRule;
import dev.skilldesk.skill.Principal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link AccessRule} rendered as SQL over the {@code skills} table aliased {@code s}: the filter and its arguments, for
 * one principal. The shape of the SQL is the same for every principal (only the arguments differ), so statements
 * that use it are cached once.
 */
public record AccessSql(String sql, List<Object> args) {
    /** Who may see a row of {@code s}: not deleted, and any clause of the rule. */
    public static AccessSql of(Principal who) {
        return AccessRule.render(who, RENDERER);
    }

    /** The filter's SQL, which is the same for every principal (for statements built once). */
    public static String shape() {
        return of(new Principal("shape", "shape")).sql;
    }

    /** The filter, or the principal's own deleted skills (which an owner lists to restore). */
    public static AccessSql orOwnDeleted(Principal who) {
        AccessSql f = of(who);
        List<Object> args = new ArrayList<>(f.args);
        args.add(who.agentId());
        return new AccessSql("(" + f.sql + " OR (s.is_deleted = 1 AND s.created_by = ?))", args);
    }

    /** Binds the arguments from parameter {@code first} on; returns the next parameter's index. */
    public int bind(PreparedStatement ps, int first) throws SQLException {
        int i = first;
        for (Object a : args) {
            ps.setObject(i++, a);
        }
        return i;
    }

    private static final AccessRule.Renderer<AccessSql> RENDERER = new AccessRule.Renderer<>() {
        @Override
        public AccessSql owner(String agentId) {
            return new AccessSql("s.created_by = ?", List.of(agentId));
        }

        @Override
        public AccessSql levels(Set<AccessLevel> levels) {
            return new AccessSql("s.access_level IN (" + levels.stream().sorted().map(l -> "'" + l.key() + "'")
                    .collect(Collectors.joining(", ")) + ")", List.of());
        }

        @Override
        public AccessSql levelInNamespace(AccessLevel level, String namespace) {
            return new AccessSql("(s.access_level = '" + level.key() + "' AND s.namespace = ?)", List.of(namespace));
        }

        @Override
        public AccessSql sharedInNamespace(AccessLevel level, String namespace, String agentId) {
            return new AccessSql("(s.access_level = '" + level.key() + "' AND s.namespace = ? AND EXISTS ("
                    + "SELECT 1 FROM skill_shares sh WHERE sh.skill_id = s.id AND sh.agent_id = ?))",
                    List.of(namespace, agentId));
        }

        @Override
        public AccessSql anyOf(List<AccessSql> clauses) {
            List<Object> args = new ArrayList<>();
            clauses.forEach(c -> args.addAll(c.args));
            return new AccessSql("s.is_deleted = 0 AND (" + clauses.stream().map(AccessSql::sql)
                    .collect(Collectors.joining(" OR ")) + ")", List.copyOf(args));
        }
    };
}
