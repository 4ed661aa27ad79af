package dev.skilldesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the in-memory keyword ranking is built from: each skill's name, description, tags, active SKILL.md,
 * access facts and shares, for every skill or for those the change feed names in a range of positions.
 */
public final class KeywordSource {
    /** One skill as the keyword ranking indexes it; {@code deleted} ones leave the ranking. */
    public record Doc(long id, String name, String description, String tags, String namespace, String persona,
                      String access, String owner, boolean deleted, String content, List<String> shares) {
    }

    private static final String CHANGED = "SELECT DISTINCT skill_id FROM library_changes WHERE seq > ? AND seq <= ?"
            + " AND skill_id IS NOT NULL AND kind NOT IN " + ChangeFeed.CONTENT_UNCHANGED_KINDS;

    private final Database db;

    public KeywordSource(Database db) {
        this.db = db;
    }

    /** How many distinct skills the feed names after {@code after} (changes the ranking must read). */
    public int changedCount(long after) {
        return db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT skill_id) FROM library_changes"
                    + " WHERE seq > ? AND skill_id IS NOT NULL AND kind NOT IN " + ChangeFeed.CONTENT_UNCHANGED_KINDS)) {
                ps.setLong(1, after);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /** The skills the feed names in ({@code after}, {@code upTo}]. */
    public Set<Long> changed(long after, long upTo) {
        return db.withJdbc(c -> {
            Set<Long> ids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(CHANGED)) {
                ps.setLong(1, after);
                ps.setLong(2, upTo);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /**
     * Streams the documents of the skills named in ({@code after}, {@code upTo}] that still have an active
     * version (all skills when {@code after} < 0) to {@code each}, while {@code go} says so; returns how many.
     */
    public int documents(long after, long upTo, java.util.function.BooleanSupplier go, Consumer<Doc> each) {
        boolean all = after < 0;
        return db.withJdbc(c -> {
            Map<Long, List<String>> shares = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT sh.skill_id, sh.agent_id FROM skill_shares sh"
                    + (all ? "" : " WHERE sh.skill_id IN (" + CHANGED + ")"))) {
                if (!all) {
                    ps.setLong(1, after);
                    ps.setLong(2, upTo);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        shares.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
            }
            int count = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id, s.name, s.description, s.tags, s.namespace,"
                    + " s.persona, s.access_level, s.created_by, s.is_deleted, v.content"
                    + " FROM skills s JOIN skill_versions v ON v.skill_id = s.id AND v.version = s.active_version"
                    + (all ? "" : " WHERE s.id IN (" + CHANGED + ")"))) {
                if (!all) {
                    ps.setLong(1, after);
                    ps.setLong(2, upTo);
                }
                ps.setFetchSize(500);
                try (ResultSet rs = ps.executeQuery()) {
                    while (go.getAsBoolean() && rs.next()) {
                        long id = rs.getLong(1);
                        each.accept(new Doc(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9) != 0, rs.getString(10),
                                shares.getOrDefault(id, List.of())));
                        count++;
                    }
                }
            }
            return count;
        });
    }

    /** Each skill's description and active SKILL.md, for snippets. */
    public Map<Long, String[]> texts(java.util.Collection<Long> ids) {
        Map<Long, String[]> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        db.withJdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id, s.description, v.content FROM skills s"
                    + " JOIN skill_versions v ON v.skill_id = s.id AND v.version = s.active_version"
                    + " WHERE s.id IN (" + marks + ")")) {
                int i = 1;
                for (long id : ids) {
                    ps.setLong(i++, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
                    }
                }
            }
            return null;
        });
        return out;
    }
}
